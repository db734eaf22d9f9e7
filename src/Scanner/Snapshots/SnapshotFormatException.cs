namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>A snapshot file is not in any format AWS writes; the message names the file and the place.</summary>
internal sealed class SnapshotFormatException(string message, Exception? inner = null) : Exception(message, inner);

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>One principal's service-last-accessed job failed; the message names the principal and why.</summary>
internal sealed class ServiceLastAccessException(string message, Exception inner) : Exception(message, inner);

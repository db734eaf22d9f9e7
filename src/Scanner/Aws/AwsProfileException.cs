namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>A profile or region that was named cannot be used: a usage error (exit 2), said before anything is called.</summary>
internal sealed class AwsProfileException(string message) : Exception(message);

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// AWS refused the caller's own credentials (a wrong secret key, an unknown or expired key): no
/// account can be collected, and an empty estate must not be mistaken for a clean one.
/// </summary>
internal sealed class AuthenticationFailedException(string message, Exception? inner = null) : Exception(message, inner);

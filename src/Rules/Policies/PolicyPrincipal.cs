namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One principal named by a statement: <see cref="Type"/> is AWS, Service, Federated or CanonicalUser;
/// <c>"Principal": "*"</c> is read as <c>{"AWS": "*"}</c>, which AWS documents as the same thing.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
/// </summary>
public sealed record PolicyPrincipal(string Type, string Value)
{
    public const string Aws = "AWS";
    public const string Service = "Service";
    public const string Federated = "Federated";
    public const string CanonicalUser = "CanonicalUser";

    /// <summary>Anyone: <c>"*"</c> or <c>{"AWS": "*"}</c>.</summary>
    public bool IsEveryone => Type == Aws && Value.Trim() == "*";

    /// <summary>
    /// A user's or role's unique id (<c>AIDA...</c>, <c>AROA...</c>) where its ARN was: AWS stores the unique id of a
    /// principal named by ARN and, once that principal is deleted, can no longer map it back, so the policy shows the id.
    /// It names a deleted principal and admits nobody, not even one recreated under the same name (IAM refuses a
    /// policy naming a principal that does not exist, so no one writes it by hand).
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
    /// </summary>
    public bool IsDeletedPrincipalId => Type == Aws && IsUniqueId(Value.Trim());

    private static bool IsUniqueId(string value) =>
        value.Length >= 16 && (value.StartsWith("AIDA", StringComparison.Ordinal) || value.StartsWith("AROA", StringComparison.Ordinal))
        && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    public override string ToString() => IsEveryone ? "\"*\"" : $"{Type} {Value}";
}

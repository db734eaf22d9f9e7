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

    public override string ToString() => IsEveryone ? "\"*\"" : $"{Type} {Value}";
}

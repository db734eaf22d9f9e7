namespace Ocado.Guardrails.Rules.Policies;

/// <summary>Who an Allow of a resource policy lets in, judged against the estate.</summary>
public enum GrantKind
{
    /// <summary>The resource's own account.</summary>
    Own,
    /// <summary>Another account of the same customer.</summary>
    SameCustomer,
    /// <summary>A platform (shared-services) account.</summary>
    Platform,
    /// <summary>An AWS service principal, acting for no foreign account we can see.</summary>
    Service,
    /// <summary>Identities of a federation provider (SAML, OIDC, Cognito) in an allowed account or a public provider.</summary>
    Federated,
    /// <summary>An account outside the estate, or a principal we cannot map to an account.</summary>
    UnknownAccount,
    /// <summary>An account of another customer: a breach of segregation.</summary>
    OtherCustomer,
    /// <summary>Anyone: <c>"*"</c> without a condition that pins it to accounts.</summary>
    Public,
}

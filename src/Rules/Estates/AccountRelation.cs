namespace Ocado.Guardrails.Rules.Estates;

/// <summary>How an account that is granted access relates to the account that owns a resource.</summary>
public enum AccountRelation
{
    /// <summary>The resource's own account.</summary>
    Own,
    /// <summary>Another account of the same customer.</summary>
    SameCustomer,
    /// <summary>A shared-services account of the platform, allowed to reach every customer.</summary>
    Platform,
    /// <summary>An account of another customer: a breach of segregation.</summary>
    OtherCustomer,
    /// <summary>An account the estate does not know.</summary>
    Unknown,
}

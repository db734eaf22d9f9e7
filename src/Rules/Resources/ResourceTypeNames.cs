namespace Ocado.Guardrails.Rules.Resources;

/// <summary>Resource type names the scanner gives to things AWS Config does not record as resources.</summary>
public static class ResourceTypeNames
{
    /// <summary>One applied service quota, with the usage we computed from the inventory.</summary>
    public const string Quota = "AWS::ServiceQuotas::Quota";

    /// <summary>An AWS RAM resource share, read from RAM's own answers (<c>ram/REGION/</c> of the snapshot), not from Config.</summary>
    public const string ResourceShare = "AWS::RAM::ResourceShare";

    /// <summary>An account as a whole, as AWS Config names it in periodic evaluations.</summary>
    public const string Account = "AWS::::Account";
}

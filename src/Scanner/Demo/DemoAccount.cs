namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>One AWS account of the demo estate.</summary>
/// <param name="Index">Position in the estate, used to stagger the planted violations across accounts.</param>
/// <param name="CustomerId">The owning customer, or null for the platform account.</param>
/// <param name="IsGap">AssumeRole into it is denied: it has no files, only a coverage gap.</param>
/// <param name="UrlEncodedIam">Its IAM documents are written as the raw API returns them (URL-encoded strings).</param>
/// <param name="Copy">0 for the default estate's accounts; n for the n-th extra account of the same environment.</param>
internal sealed record DemoAccount(
    int Index, string Id, string? CustomerId, string Environment, string Alias, DemoTeam Team, bool IsGap, bool UrlEncodedIam, int Copy = 0)
{
    /// <summary>
    /// The prefix of its resources' names: acme-prod, platform-prod; acme-prod2 for an extra
    /// account, since S3 bucket names (and so their ARNs) must be unique across accounts.
    /// </summary>
    public string NamePrefix => $"{CustomerTag}-{DemoLayout.Short(Environment)}{(Copy > 0 ? (Copy + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";

    public bool IsPlatform => CustomerId is null;

    /// <summary>The value of the <c>customer</c> tag on its resources.</summary>
    public string CustomerTag => CustomerId ?? DemoLayout.PlatformTag;
}

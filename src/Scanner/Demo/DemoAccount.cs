namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>One AWS account of the demo estate.</summary>
/// <param name="Index">Position in the estate, used to stagger the planted violations across accounts.</param>
/// <param name="CustomerId">The owning customer, or null for the platform account.</param>
/// <param name="IsGap">AssumeRole into it is denied: it has no files, only a coverage gap.</param>
/// <param name="UrlEncodedIam">Its IAM documents are written as the raw API returns them (URL-encoded strings).</param>
internal sealed record DemoAccount(
    int Index, string Id, string? CustomerId, string Environment, string Alias, DemoTeam Team, bool IsGap, bool UrlEncodedIam)
{
    public bool IsPlatform => CustomerId is null;

    /// <summary>The value of the <c>customer</c> tag on its resources.</summary>
    public string CustomerTag => CustomerId ?? DemoLayout.PlatformTag;
}

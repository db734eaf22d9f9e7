namespace Ocado.Guardrails.Scanner.Store;

/// <summary>One part of a scan: an account and a region (or <see cref="Global"/>, which holds everything outside the estate's regions).</summary>
internal sealed record PartKey(string AccountId, string Region)
{
    /// <summary>IAM, global quotas, and any region the estate does not list.</summary>
    public const string Global = "global";

    /// <summary>The single part of a scan evaluated in one process.</summary>
    public static PartKey Whole { get; } = new("*", "*");

    public override string ToString() => $"{AccountId}/{Region}";
}

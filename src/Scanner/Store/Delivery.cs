namespace Ocado.Guardrails.Scanner.Store;

/// <summary>A scan's digest to one channel: claimed (sending), delivered or failed, after how many attempts.</summary>
internal sealed record Delivery(string ScanId, string Channel, string Status, int Attempts, string? Error, DateTimeOffset ClaimedAt)
{
    public const string Claimed = "claimed";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

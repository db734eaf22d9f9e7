namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>Which demo estate to generate: the seed makes it reproducible, the size scales it.</summary>
public sealed class DemoOptions
{
    /// <summary>A fixed default, so that every default demo is the same estate, byte for byte.</summary>
    public const int DefaultSeed = 20261127;

    /// <summary>Large enough to show every rule failing several times; small enough to scan in seconds.</summary>
    public const int DefaultSize = 6000;

    /// <summary>
    /// Below this the fixed part of every account (its IAM, quotas, networks and one of each resource type) would
    /// outgrow the size asked for: 3,000 already comes out at about 3,500.
    /// </summary>
    public const int MinimumSize = 3000;

    /// <summary>Far beyond the benchmarks (1,000,000), low enough that a typo does not fill the disk.</summary>
    public const int MaximumSize = 20_000_000;

    /// <summary>The default estate's accounts: 3 customers' 11 and the platform's one (one of them a coverage gap).</summary>
    public const int DefaultAccounts = 12;

    /// <summary>Enough for a scale-out test of many workers; past it the estate is more copies, not more variety.</summary>
    public const int MaximumAccounts = 500;

    public int Seed { get; set; } = DefaultSeed;

    /// <summary>
    /// Accounts of the estate, platform and gap included. Above the default, extra accounts are
    /// dealt to the customers in turn, each a copy of one of the customer's environments with
    /// resources of its own; the default estate is unchanged, byte for byte.
    /// </summary>
    public int Accounts { get; set; } = DefaultAccounts;

    /// <summary>The approximate number of resources: configuration items, Tagging-API-only resources, IAM entities and quotas.</summary>
    public int Size { get; set; } = DefaultSize;

    /// <summary>
    /// How many accounts hold the resources (null: every collected account, alike). Given, the first this many
    /// collected accounts share <see cref="Size"/> and the others keep only their fixed part (IAM, quotas, one of each
    /// resource type): an estate of a few very large accounts, as a busy ECS or Lambda account is.
    /// </summary>
    public int? LargeAccounts { get; set; }

    /// <summary>Every problem with the options, listed at once.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Size is < MinimumSize or > MaximumSize)
        {
            errors.Add($"Size must be between {MinimumSize} and {MaximumSize} (was {Size}).");
        }
        if (Accounts is < DefaultAccounts or > MaximumAccounts)
        {
            errors.Add($"Accounts must be between {DefaultAccounts} and {MaximumAccounts} (was {Accounts}).");
        }
        if (LargeAccounts is { } large && (large < 1 || large > Accounts - 1))
        {
            errors.Add($"LargeAccounts must be between 1 and the collected accounts, {Accounts - 1} (was {large}).");
        }
        if (errors.Count > 0)
        {
            throw new ArgumentException("Validation Errors: " + string.Join(" ", errors));
        }
    }
}

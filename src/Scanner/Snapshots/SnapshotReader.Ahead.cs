namespace Ocado.Guardrails.Scanner.Snapshots;

internal sealed partial class SnapshotReader
{
    /// <summary>
    /// As <see cref="StreamAccount(string)"/>; then, when this account and <paramref name="next"/> are both small
    /// (<see cref="SmallIndex"/>), the next one's index is read on the pool while this one's Config items
    /// are streamed and judged (the index is mostly one thread's work, which left a core idle), and the call for
    /// <paramref name="next"/> takes it. The accounts are handed out as before, each read exactly as alone: its gaps,
    /// warnings and any fault come with its own stream. At most one index is read ahead; a large account is never read
    /// beside another, so memory still holds one large account at a time.
    /// </summary>
    public AccountStream? StreamAccount(string account, string? next)
    {
        var stream = TakeAhead(account, out var ahead) ? ahead : StreamAccount(account);
        if (next is not null && next != account && SmallIndex(account) && SmallIndex(next))
        {
            // On the pool, whose threads keep their caches (SharedText, DuplicateKeys): a new thread for each account made
            // them anew, 350 MB more allocated at a million resources.
            _ahead = (next, Task.Run(() => StreamAccount(next)));
        }
        return stream;
    }

    /// <summary>The index read ahead (<see cref="StreamAccount(string, string?)"/>), and the account it is of.</summary>
    private (string Account, Task<AccountStream?> Stream)? _ahead;

    /// <summary>The index read ahead for <paramref name="account"/>, when it was; one read ahead for another account is dropped.</summary>
    private bool TakeAhead(string account, out AccountStream? stream)
    {
        stream = null;
        if (_ahead is not { } ahead)
        {
            return false;
        }
        _ahead = null;
        if (ahead.Account != account)
        {
            return false;
        }
        // A fault of the read ahead (exhausted memory) is thrown here, where reading the account would have thrown it.
        stream = ahead.Stream.GetAwaiter().GetResult();
        return true;
    }

    /// <summary>The bytes of an account's Tagging API files and authorization details up to which its index may be read beside another's.</summary>
    public const long DefaultSmallIndexBytes = 32L << 20;

    /// <summary>As <see cref="DefaultSmallIndexBytes"/>; lower in tests, to make an account large.</summary>
    internal long SmallIndexBytes { get; set; } = DefaultSmallIndexBytes;

    /// <summary>The account whose index is being read ahead, if any (tests).</summary>
    internal string? ReadingAhead => _ahead?.Account;

    /// <summary>
    /// Whether the account's index is small enough to be held beside another's: its Tagging API files (what the index
    /// holds of every resource until its Config item is met) and its authorization details are within
    /// <see cref="SmallIndexBytes"/>. False when that cannot be told.
    /// </summary>
    private bool SmallIndex(string account)
    {
        try
        {
            var folder = SnapshotLayout.Account(_directory, account);
            var tagging = Path.Combine(folder, SnapshotLayout.TaggingFolder);
            var bytes = Directory.Exists(tagging) ? new DirectoryInfo(tagging).EnumerateFiles().Sum(file => file.Length) : 0;
            var details = new FileInfo(SnapshotLayout.AuthorizationDetails(folder));
            return bytes + (details.Exists ? details.Length : 0) <= SmallIndexBytes;
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            return false;
        }
    }
}

using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>How the scan keeps one account in memory at a time, whatever the accounts' sizes.</summary>
internal static class AccountMemory
{
    /// <summary>
    /// From this many resources an account's documents are hundreds of megabytes of large objects,
    /// which only a full collection frees; below it the collector's own pace keeps memory low, and a
    /// full collection after each of hundreds of small accounts would cost more than it saves.
    /// </summary>
    public const int LargeAccount = 20_000;

    public static bool IsLarge(Snapshot account) => account.Resources.Count >= LargeAccount;

    /// <summary>Frees an evaluated large account's documents now, so that the peak is one account, not two.</summary>
    public static void Release()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}

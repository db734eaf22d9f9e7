using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// A part being saved a batch of findings at a time (<see cref="IFindingsStore.OpenPartAsync"/>), in one transaction:
/// nothing is seen by others, and nothing stays, until <see cref="SaveAsync"/> commits it; disposed unsaved, it is rolled back.
/// </summary>
internal interface IPartWriter : IAsyncDisposable
{
    /// <summary>Writes the next findings of the part, numbered after those written before them.</summary>
    Task WriteAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the part's summary and commits: <paramref name="part"/>'s findings must be those written, in the order
    /// written. Returns what <see cref="IFindingsStore.SavePartAsync"/> returns.
    /// </summary>
    Task<int?> SaveAsync(PartResult part, CancellationToken cancellationToken);
}

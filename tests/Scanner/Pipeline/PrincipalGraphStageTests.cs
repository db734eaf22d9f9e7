using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Tests.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// The scan's pre-pass reads and prepares several accounts' IAM at once (one a core): the graph must be the one a single
/// thread builds, account after account, whichever read ends first.
/// </summary>
public sealed class PrincipalGraphStageTests : IDisposable
{
    private static readonly DateTimeOffset Fallback = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory;
    private readonly GuardrailsConfig _config;

    public PrincipalGraphStageTests()
    {
        _directory = DemoBuilder.TempDirectory();
        DemoEstate.Write(_directory, new DemoOptions { Size = DemoBuilder.SmallSize });
        _config = GuardrailsConfig.Load(Path.Combine(_directory, "guardrails.yaml"));
    }

    public void Dispose() => DemoBuilder.Delete(_directory);

    [Fact]
    public async Task AccountsReadAtOnceAndEndingOutOfOrderGiveTheGraphOneThreadBuilds()
    {
        var reader = SnapshotReader.Open(_directory, _config.Estate);
        var accounts = reader.Accounts.Order(StringComparer.Ordinal).ToList();
        var one = new PrincipalGraphBuilder(_config.Estate, reader.CollectedAt ?? Fallback, reader.ReadOrganization().Organization);
        foreach (var account in accounts)
        {
            one.AddAccount(reader.ReadIam(account).Resources);
        }
        var expected = Describe(one.Build());

        // Each account's read ends before the one before it: the last read of a window is added last all the same.
        var source = new SlowFirst(new SnapshotSource(_directory, _config.Estate), accounts);
        var builder = await PrincipalGraphStage.ReadAsync(source, "scan", accounts, _config.Estate, Fallback, ahead: 4, TestContext.Current.CancellationToken);

        Assert.True(accounts.Count > 4, $"only {accounts.Count} accounts");
        Assert.True(source.MostAtOnce > 1, "the accounts were read one at a time");
        Assert.True(expected.Count > 50, $"only {expected.Count} principals and edges");
        Assert.Equal(expected, Describe(builder!.Build()));
    }

    [Fact]
    public async Task ASourceThatReadsAccountsWholeBuildsNoGraphEvenReadingSeveralAtOnce()
    {
        var accounts = SnapshotReader.Open(_directory, _config.Estate).Accounts.ToList();

        var builder = await PrincipalGraphStage.ReadAsync(new WholeOnly(), "scan", accounts, _config.Estate, Fallback, ahead: 3, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Null(builder);
    }

    /// <summary>Every node in the graph's order (which follows the order accounts were added in), then every edge with its grant.</summary>
    private static List<string> Describe(PrincipalGraph graph) =>
    [
        $"{graph.PermissionSets} permission sets, {graph.GroupCount} groups, {graph.EdgeCount} edges",
        .. graph.Nodes.Select(n => $"{n.Index} {n.Kind} {n.Arn} admin={n.Admin}"),
        .. graph.Nodes.SelectMany(n => graph.EdgesFrom(n.Arn)).Select(e => $"{e.From.Arn} {e.Action} {e.To.Arn} {e.Service} {e.Conditional} {e.Grant.Json} {e.Trust?.Json}"),
    ];

    /// <summary>A snapshot whose earlier accounts take longer to read than later ones.</summary>
    private sealed class SlowFirst(IAccountSource inner, List<string> accounts) : IAccountSource
    {
        private int _reading;

        public int MostAtOnce { get; private set; }

        public async Task<Snapshot?> ReadIamAsync(string scanId, string accountId, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _reading);
            lock (this)
            {
                MostAtOnce = Math.Max(MostAtOnce, now);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (accounts.Count - accounts.IndexOf(accountId))), cancellationToken);
                return await inner.ReadIamAsync(scanId, accountId, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _reading);
            }
        }

        public Task<Snapshot> ReadAsync(string scanId, string accountId, CancellationToken cancellationToken) => inner.ReadAsync(scanId, accountId, cancellationToken);

        public Task<NetworkView> ReadNetworkAsync(string scanId, CancellationToken cancellationToken) => inner.ReadNetworkAsync(scanId, cancellationToken);

        public IReadOnlyList<string> KeptScans() => inner.KeptScans();

        public void Discard(string scanId) => inner.Discard(scanId);
    }

    /// <summary>A source that reads each account whole, when it is judged: no IAM ahead.</summary>
    private sealed class WholeOnly : IAccountSource
    {
        public Task<Snapshot?> ReadIamAsync(string scanId, string accountId, CancellationToken cancellationToken) => Task.FromResult<Snapshot?>(null);

        public Task<Snapshot> ReadAsync(string scanId, string accountId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<NetworkView> ReadNetworkAsync(string scanId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IReadOnlyList<string> KeptScans() => [];

        public void Discard(string scanId)
        {
        }
    }
}

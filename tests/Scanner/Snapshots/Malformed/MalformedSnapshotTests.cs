using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>
/// The malformed-input suite (issue 13): each case plants one hostile file in the tiny estate and scans it in this
/// process, as <c>guardrails scan</c> does. For every case: no exception and an end within a minute; the file's data is
/// read, or a coverage gap (or warning) names the file and what is wrong with it; every other file's resources are still
/// read; the other customer's findings are exactly those of the untouched estate; no resource or finding is attributed
/// to an account its ARN does not name.
/// </summary>
public sealed class MalformedSnapshotTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, MalformedCase> Cases =
        CollectionCases.All().Concat(ConfigCases.All()).Concat(IamCases.All()).Concat(ServiceLastAccessCases.All()).Concat(RamCases.All()).Concat(ServicePolicyCases.All()).Concat(DynamoDbCases.All()).Concat(Ec2SharingCases.All()).Concat(TaggingQuotaCases.All()).ToDictionary(c => c.Name);

    private static readonly Lazy<Task<HostileEstate.Outcome>> Untouched = new(async () =>
    {
        using var estate = new HostileEstate();
        return await estate.ScanAsync(CancellationToken.None);
    });

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Fact]
    public void TheSuiteHoldsAtLeastEightyCasesOfEveryKind()
    {
        Assert.True(Cases.Count >= 80, $"{Cases.Count} cases");
        Assert.All(Enum.GetValues<Expect>(), expect => Assert.Contains(Cases.Values, c => c.Expect == expect));
    }

    [Fact]
    public async Task TheUntouchedEstateReadsEveryWitnessWithoutAGapOrWarning()
    {
        var untouched = await Untouched.Value;

        Assert.All(HostileEstate.Witnesses.Values.SelectMany(w => w), arn => Assert.Contains(untouched.Read.Resources, r => r.Arn == arn));
        Assert.Empty(untouched.Read.Gaps);
        Assert.Empty(untouched.Read.Errors);
        Assert.Contains(untouched.Result.Findings, f => f.AccountId == HostileEstate.Globex && f.Verdict == Verdict.Fail);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task AHostileFileIsReadOrReportedAndNothingElseIsLostOrMoved(string name)
    {
        var @case = Cases[name];
        var untouched = await Untouched.Value;
        using var estate = new HostileEstate(@case.Yaml);
        var target = Path.Combine(estate.Directory, @case.Target);
        @case.Plant(target);

        using var timeout = new CancellationTokenSource(Bound);
        var outcome = await estate.ScanAsync(timeout.Token).WaitAsync(Bound, TestContext.Current.CancellationToken);

        var naming = HostileEstate.Naming(outcome.Result.Gaps, target).ToList();
        switch (@case.Expect)
        {
            case Expect.Read:
                Assert.Empty(naming);
                Assert.DoesNotContain(outcome.Read.Errors, e => e.Contains(target, StringComparison.Ordinal));
                Assert.All(Witnessed(@case.Target), arn => Assert.Contains(outcome.Read.Resources, r => r.Arn == arn));
                break;
            case Expect.Gap:
                Assert.True(naming.Any(g => g.Reason.Contains(@case.Says, StringComparison.OrdinalIgnoreCase)),
                    $"no gap names {@case.Target} with '{@case.Says}'; gaps: {string.Join(" | ", outcome.Result.Gaps.Select(g => g.Reason))}");
                var accounts = @case.EveryAccount ? [HostileEstate.Acme, HostileEstate.Globex] : new[] { HostileEstate.Acme };
                Assert.All(accounts, account => Assert.Contains(naming, g => g.AccountId == account));
                Assert.Contains(outcome.Progress.Split('\n'), line => line.Contains("warning: ", StringComparison.Ordinal) && line.Contains(target, StringComparison.Ordinal));
                break;
            case Expect.Warning:
                Assert.Contains(outcome.Read.Errors, e => e.Contains(target, StringComparison.Ordinal) && e.Contains(@case.Says, StringComparison.OrdinalIgnoreCase));
                break;
        }
        // Every other file is still read, whatever this one did.
        var others = HostileEstate.Witnesses.Where(w => !Touches(@case.Target, w.Key)).SelectMany(w => w.Value);
        Assert.All(others, arn => Assert.Contains(outcome.Read.Resources, r => r.Arn == arn));
        if (!@case.EveryAccount)
        {
            Assert.Equal(Of(untouched.Result.Findings, HostileEstate.Globex), Of(outcome.Result.Findings, HostileEstate.Globex));
        }
        Assert.All(outcome.Read.Resources, r => Assert.True(IsOwn(r.Arn, r.AccountId), $"{r.Arn} attributed to {r.AccountId}"));
        Assert.All(outcome.Result.Findings, f => Assert.True(IsOwn(f.ResourceArn, f.AccountId), $"{f.ResourceArn} reported under {f.AccountId}"));
        Assert.All(outcome.Result.Findings.Where(f => f.AccountId == HostileEstate.Acme), f => Assert.Equal("acme", f.Customer));
    }

    private static IEnumerable<string> Witnessed(string target) =>
        HostileEstate.Witnesses.Where(w => Touches(target, w.Key)).SelectMany(w => w.Value);

    private static bool Touches(string target, string file) =>
        file == target || file.StartsWith(target + "/", StringComparison.Ordinal);

    private static bool IsOwn(string arnText, string account) =>
        !Arn.TryParse(arnText, out var arn) || arn.AccountId.Length == 0 || arn.AccountId == account || arn.AccountId == AuthorizationDetails.AwsAccount;

    private static List<string> Of(IEnumerable<Finding> findings, string account) =>
        findings.Where(f => f.AccountId == account)
            .Select(f => $"{f.RuleId} {f.ResourceArn} {f.Verdict} {f.Message}")
            .Order(StringComparer.Ordinal)
            .ToList();
}

using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Reports;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>--status: names as the command line spells them, comma lists and repeats, and a filter that cuts only the findings written.</summary>
public sealed class StatusFilterTests
{
    [Fact]
    public void CommaListsAndRepeatsAreOneFilterAndFindingsJsonsOwnSpellingIsTakenToo()
    {
        Assert.True(StatusFilter.TryParse(["fail, error", "notAssessed", "FAIL"], out var filter, out var unknown));

        Assert.Empty(unknown);
        Assert.Equal([Verdict.Fail, Verdict.Error, Verdict.NotAssessed], Enum.GetValues<Verdict>().Where(filter.Keeps));
        Assert.False(filter.KeepsPasses);
    }

    [Fact]
    public void AWordThatNamesNoVerdictIsRefusedWithTheWord()
    {
        Assert.False(StatusFilter.TryParse(["fail,failed", "passing"], out var filter, out var unknown));

        Assert.Equal(["failed", "passing"], unknown);
        Assert.True(filter.IsAll);
    }

    [Fact]
    public void NoStatusKeepsEveryVerdictAndLeavesTheScanAsItIs()
    {
        Assert.True(StatusFilter.TryParse([], out var filter, out _));
        var scan = new ScanBuilder().WithFinding(verdict: Verdict.Fail).WithFinding(verdict: Verdict.Pass).Build();

        Assert.True(filter.IsAll);
        Assert.Same(scan, filter.Apply(scan));
    }

    [Fact]
    public void AFilterKeepsTheFindingsOfItsVerdictsAndTheSummaryOfEveryFinding()
    {
        Assert.True(StatusFilter.TryParse(["pass"], out var filter, out _));
        var scan = new ScanBuilder().WithFinding(verdict: Verdict.Fail).WithFinding(verdict: Verdict.Pass).Build();

        var written = filter.Apply(scan);

        Assert.True(filter.KeepsPasses);
        Assert.Equal([Verdict.Pass], written.Findings.Select(f => f.Verdict));
        Assert.Same(scan.Evaluations, written.Evaluations);
    }
}

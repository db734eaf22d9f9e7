using System.Diagnostics;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Differential;

/// <summary>
/// Our evaluator (<see cref="AccessEvaluator"/>) against an independent implementation of AWS's evaluation
/// logic, <c>@cloud-copilot/iam-simulate</c>, on requests generated from a fixed seed across identity,
/// resource, SCP, RCP and boundary policies and every condition operator family. Where AWS's documentation
/// shows the simulator wrong, the shape is a named case in SimulatorDisagreementTests and the
/// generator does not draw it.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int Requests = 12_000;
    private const int Seed = 20_261_205;

    [Fact]
    public async Task OurEvaluatorAgreesWithIamSimulateOnEveryGeneratedRequest()
    {
        IamSimulator.Require();
        var clock = Stopwatch.StartNew();
        var cases = new RequestGenerator(Seed).Generate(Requests).ToList();
        var answers = await IamSimulator.RunAsync(cases.Select(c => c.Simulation).ToList());

        var refused = cases.Zip(answers).Where(p => p.Second.Error is not null || p.Second.IgnoredKeys > 0).ToList();
        var compared = cases.Zip(answers).Where(p => p.Second.Error is null && p.Second.IgnoredKeys == 0).ToList();
        var disagreements = compared
            .Select(p => (Case: p.First, Theirs: p.Second, Ours: AccessEvaluator.Evaluate(p.First.Question)))
            .Where(d => d.Ours.Allowed != d.Theirs.Allowed)
            .ToList();

        var allowed = compared.Count(p => p.Second.Allowed);
        output.WriteLine($"differential: {compared.Count - disagreements.Count}/{compared.Count} requests agree " +
                         $"({allowed} allowed, {compared.Count - allowed} denied by the simulator); {refused.Count} refused by its validation; {clock.Elapsed.TotalSeconds:F0} s");
        if (Environment.GetEnvironmentVariable("GUARDRAILS_DIFFERENTIAL_DUMP") is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, disagreements.Select(d => $"{d.Case.Index}\t{d.Theirs.Result}\t{d.Ours}\t{d.Case.Simulation.ToJsonString()}"));
        }
        foreach (var (c, theirs, ours) in disagreements.Take(5))
        {
            output.WriteLine($"#{c.Index}: simulator {theirs.Result}, ours {ours}\n{c.Simulation.ToJsonString()}");
        }
        foreach (var reason in refused.GroupBy(p => p.Second.Error ?? "ignored context keys").OrderByDescending(g => g.Count()).Take(5))
        {
            output.WriteLine($"refused {reason.Count()}x (e.g. #{reason.First().First.Index}): {reason.Key}");
        }
        Assert.True(compared.Count >= 10_000, $"only {compared.Count} requests compared");
        Assert.True(refused.Count < Requests / 20, $"{refused.Count} requests refused by the simulator's validation: the generator draws invalid input");
        Assert.Empty(disagreements.Select(d => d.Case.Index));
    }
}

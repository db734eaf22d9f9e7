using System.Runtime.CompilerServices;
using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Engine;

/// <summary>
/// An evaluator keeps one script per rule per thread between evaluations: once the evaluator is dropped, neither it nor
/// those scripts may keep what it judged with (its index of the account, the principal graph) or the last resource alive.
/// </summary>
public sealed class EvaluatorMemoryTests
{
    [Fact]
    public void AnEvaluatorDroppedAfterEvaluatingEveryRuleLeavesItsIndexAndResourcesCollectable()
    {
        var (index, resource) = EvaluateEveryRuleAndDrop();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(index.TryGetTarget(out _), "the evaluator's index is still reachable after it was dropped");
        Assert.False(resource.TryGetTarget(out _), "the last judged resource is still reachable after its evaluator was dropped");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<Inventory> Index, WeakReference<Resource> Resource) EvaluateEveryRuleAndDrop()
    {
        var resource = ConfigurationItems.ToResource(JsonDocument.Parse("""
            {"resourceType": "AWS::S3::Bucket", "resourceId": "orders", "resourceName": "orders", "ARN": "arn:aws:s3:::orders",
             "awsAccountId": "111111111111", "awsRegion": "eu-west-1", "configuration": {"name": "orders"}, "tags": {"env": "prod"}}
            """).RootElement.Clone());
        var index = new Inventory([resource]);
        var catalog = Support.Catalog.Rules;
        var evaluator = new Evaluator(catalog, RuleFixtures.DefaultEstate, index, _ => RuleParams.Empty, RuleFixtures.DefaultNow);
        for (var i = 0; i < catalog.Rules.Count; i++)
        {
            evaluator.Evaluate(i, resource);
        }
        return (new WeakReference<Inventory>(index), new WeakReference<Resource>(resource));
    }
}

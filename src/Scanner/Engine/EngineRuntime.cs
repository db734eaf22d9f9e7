using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Engine;

/// <summary>What a process of the engine loaded once at start: the estate, the compiled catalog, the store, the collector.</summary>
internal sealed record EngineRuntime(EngineOptions Options, GuardrailsConfig Config, RuleCatalog Catalog, IFindingsStore Store, IPartCollector Collector)
{
    public PartPlan Plan { get; } = new(Config.Estate);
}

using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>What a process of the engine loaded once at start: the estate, the compiled catalog, the store, the collector.</summary>
internal sealed record EngineRuntime(EngineOptions Options, GuardrailsConfig Config, RuleCatalog Catalog, IFindingsStore Store, IAccountSource Source)
{
    public PartPlan Plan { get; } = new(Config.Estate);

    /// <summary>The scan pipeline's stages, as the jobs run them apart: a part evaluates, the final job writes the outputs.</summary>
    public ScanPipeline Pipeline { get; } = new(Config, Catalog, TimeProvider.System, ScanProgress.Silent);

    /// <summary>The principal graph of the scan this process judges parts of, built once per scan and process.</summary>
    public ScanViewCache<PrincipalGraph> Graphs { get; } = new();

    /// <summary>The estate's network of the scan this process judges parts of, read once per scan and process.</summary>
    public ScanViewCache<NetworkView> Networks { get; } = new();
}

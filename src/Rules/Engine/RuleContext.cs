using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>Everything a rule may read besides the resource itself, for one rule in one scan.</summary>
public sealed record RuleContext(Estate Estate, Inventory Inventory, RuleParams Params, DateTimeOffset Now);

using Ocado.Guardrails.Rules.Estates;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>The account Cloud Custodian recorded its responses in, as the one customer of an estate.</summary>
internal static class CustodianAccount
{
    public const string Id = "644160558196";

    public static readonly Estate Estate = new([new Customer("c7n", "Cloud Custodian test account", [Id])], [], []);
}

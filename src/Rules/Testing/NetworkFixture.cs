using System.Text.Json;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Testing;

/// <summary>
/// A fixture's network: <c>"network": {ACCOUNT: {REGION: {"describe-vpcs": output, "search-transit-gateway-routes/ID": output, …}}}</c>,
/// each output as the AWS CLI prints it, named as the snapshot names its file (docs/network.md). A case's own
/// <c>"network"</c> replaces the file's for the accounts it names (null: that account's network was not collected). An account of the estate that neither names is not
/// collected: a gap, as in a scan.
/// </summary>
internal static class NetworkFixture
{
    public static NetworkView? Read(JsonElement? shared, JsonElement? own, Estate estate)
    {
        if (shared is null && own is null)
        {
            return null;
        }
        var accounts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var source in new[] { shared, own })
        {
            if (source is { ValueKind: JsonValueKind.Object } network)
            {
                foreach (var account in network.EnumerateObject())
                {
                    if (account.Value.ValueKind == JsonValueKind.Null)
                    {
                        accounts.Remove(account.Name);
                        continue;
                    }
                    accounts[account.Name] = account.Value;
                }
            }
        }
        var builder = new NetworkBuilder();
        foreach (var (account, regions) in accounts)
        {
            foreach (var region in regions.EnumerateObject())
            {
                foreach (var output in region.Value.EnumerateObject())
                {
                    NetworkOutputs.Read(builder, account, region.Name, output.Name, AwsBody(output.Value), $"network.{account}.{region.Name}.{output.Name}");
                }
            }
        }
        var gaps = estate.Accounts.Where(a => !accounts.ContainsKey(a)).Order(StringComparer.Ordinal)
            .Select(a => new CoverageGap(a, null, CoverageGap.Sources.Network, "not in the fixture's network"));
        return new NetworkView(builder.Build(), gaps);
    }

    private static JsonElement AwsBody(JsonElement output) => JsonPath.Find(output, "data") is { } data && JsonPath.Find(output, "status_code") is not null ? data : output;
}

using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Snapshots;
using static Ocado.Guardrails.Tests.Scanner.Collection.CollectNetworkTests;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// AWS Config's item of a VPN connection holds the tunnels' pre-shared keys (in <c>customerGatewayConfiguration</c> and
/// <c>options.tunnelOptions[].preSharedKey</c>, as DescribeVpnConnections does): `collect` writes the item without them,
/// on a full night and on a `--since` night alike, and keeps the rest of it.
/// </summary>
public sealed class ConfigItemSecretsTests
{
    private const string Key = "example_tunnel_key_Qm7Tz.PwR";
    private const string Connection = "vpn-0c1d2e3f4a5b69780";

    [Fact]
    public async Task AVpnConnectionsItemIsWrittenWithoutItsPreSharedKeysOnEveryNight()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 1, resourcesPerRegion: 2);
        var account = harness.Estate.Accounts.Single();
        var items = harness.Server.Estate.Accounts[account].ConfigItems[Region];
        items.Add(Item(account, DateTimeOffset.FromUnixTimeSeconds(1764547200), "available"));
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        // Between the nights the connection changes (a new item): the second night fetches it again.
        items.RemoveAt(items.Count - 1);
        items.Add(Item(account, DateTimeOffset.UtcNow, "deleting"));
        var second = Path.Combine(harness.Output.Path, "night-2");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: second, since: first);

        foreach (var (night, state) in new[] { (first, "available"), (second, "deleting") })
        {
            var written = File.ReadAllText(SnapshotLayout.ConfigFile(Path.Combine(night, account), Region));
            Assert.DoesNotContain(Key, written, StringComparison.Ordinal);
            Assert.DoesNotContain("pre_shared_key", written, StringComparison.Ordinal);
            var vpn = Assert.Single(harness.ReadCollected(night).Resources, r => r.Type == "AWS::EC2::VPNConnection");
            Assert.Equal(Connection, vpn.Id);
            Assert.Equal(state, vpn.ConfigString("state"));
            Assert.Equal("tgw-0a1b2c3d4e5f60789", vpn.ConfigString("transitGatewayId"));
        }
    }

    /// <summary>A VPN connection's item as AWS Config's BatchGetResourceConfig returns it (the configuration a JSON string).</summary>
    private static JsonObject Item(string account, DateTimeOffset captured, string state) => new()
    {
        ["version"] = "1.3", ["accountId"] = account, ["configurationItemCaptureTime"] = captured.ToUnixTimeMilliseconds() / 1000.0, ["configurationItemStatus"] = "OK",
        ["configurationStateId"] = captured.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["arn"] = $"arn:aws:ec2:{Region}:{account}:vpn-connection/{Connection}", ["resourceType"] = "AWS::EC2::VPNConnection", ["resourceId"] = Connection,
        ["awsRegion"] = Region, ["availabilityZone"] = "Not Applicable", ["supplementaryConfiguration"] = new JsonObject(),
        ["configuration"] = new JsonObject
        {
            ["vpnConnectionId"] = Connection, ["state"] = state, ["type"] = "ipsec.1", ["customerGatewayId"] = "cgw-01234567abcde1234", ["transitGatewayId"] = "tgw-0a1b2c3d4e5f60789",
            ["customerGatewayConfiguration"] = $"<vpn_connection id=\"{Connection}\"><ike><pre_shared_key>{Key}</pre_shared_key></ike></vpn_connection>",
            ["options"] = new JsonObject
            {
                ["staticRoutesOnly"] = false,
                ["tunnelOptions"] = new JsonArray(new JsonObject { ["outsideIpAddress"] = "203.0.113.3", ["preSharedKey"] = Key }),
            },
        }.ToJsonString(),
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// What a Config item holds that must never reach a file: an <c>AWS::EC2::VPNConnection</c> item's configuration carries
/// the customer gateway's configuration (its tunnels' pre-shared keys in it) and each tunnel's pre-shared key, as
/// DescribeVpnConnections does (awslabs/aws-config-resource-schema: <c>configuration.customerGatewayConfiguration</c>,
/// <c>configuration.options.tunnelOptions.preSharedKey</c>). The collector leaves both out, as the network's file does.
/// </summary>
internal static class ConfigItemSecrets
{
    private static readonly HashSet<string> Members = new(StringComparer.OrdinalIgnoreCase) { "customerGatewayConfiguration", "preSharedKey" };

    /// <summary><paramref name="item"/> itself, or a VPN connection's item without those members (a configuration that is not JSON becomes null).</summary>
    public static JsonElement Without(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("resourceType", out var type) || !type.ValueEquals("AWS::EC2::VPNConnection"))
        {
            return item;
        }
        var node = JsonNode.Parse(item.GetRawText())!.AsObject();
        switch (node["configuration"])
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                try
                {
                    var configuration = JsonNode.Parse(text);
                    Strip(configuration);
                    node["configuration"] = configuration?.ToJsonString();
                }
                catch (JsonException)
                {
                    node["configuration"] = null;
                }
                break;
            case var other:
                Strip(other);
                break;
        }
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Strip(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var name in o.Select(p => p.Key).Where(Members.Contains).ToList())
            {
                o.Remove(name);
            }
            foreach (var (_, value) in o)
            {
                Strip(value);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a)
            {
                Strip(item);
            }
        }
    }
}

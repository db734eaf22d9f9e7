using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// What an EC2 answer holds that must never reach a file: a VPN connection's <c>CustomerGatewayConfiguration</c> (the
/// customer gateway's configuration, its tunnels' pre-shared keys in it) and each tunnel's <c>PreSharedKey</c>
/// (<c>Options.TunnelOptions</c>). The AWS CLI prints both; a snapshot written by <c>collect</c> leaves them out.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html
/// </summary>
internal static class Ec2Secrets
{
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal) { "CustomerGatewayConfiguration", "PreSharedKey" };

    /// <summary><paramref name="output"/> without those members, wherever they are.</summary>
    public static JsonObject Without(JsonObject output)
    {
        Strip(output);
        return output;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).Where(Members.Contains).ToList())
                {
                    o.Remove(name);
                }
                foreach (var (_, value) in o)
                {
                    Strip(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Strip(item);
                }
                break;
        }
    }
}

using System.Text.Json;
using Ocado.Guardrails.Rules.Network;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// The demo hub's files beyond the routes, as the scan reads them: each transit gateway route table's own list of
/// associations agrees with what the attachments say (so the plants are judged alike either way), the platform's VPN is
/// on its own table, and a failing VPC's gateway endpoint is in its evidence beside the path.
/// </summary>
[Collection(DemoScanCollection.Name)]
public sealed class DemoHubLinksTests(DemoScan demo)
{
    [Fact]
    public void EachHubRouteTablesListOfAssociationsIsWhatTheAttachmentsSay()
    {
        var fromAttachments = new HashSet<(string Attachment, string Table)>();
        var fromTables = new HashSet<(string Attachment, string Table)>();
        var vpns = 0;
        foreach (var region in Directory.EnumerateDirectories(demo.Snapshot, "*", SearchOption.AllDirectories).Where(d => Path.GetFileName(Path.GetDirectoryName(d)) == "network"))
        {
            var lists = Path.Combine(region, NetworkOutputs.RouteTableAssociations);
            if (!Directory.Exists(lists))
            {
                continue;
            }
            using (var attachments = JsonDocument.Parse(File.ReadAllText(Path.Combine(region, NetworkOutputs.Attachments + ".json"))))
            {
                foreach (var a in attachments.RootElement.GetProperty("TransitGatewayAttachments").EnumerateArray())
                {
                    fromAttachments.Add((a.GetProperty("TransitGatewayAttachmentId").GetString()!, a.GetProperty("Association").GetProperty("TransitGatewayRouteTableId").GetString()!));
                    vpns += a.GetProperty("ResourceType").GetString() == "vpn" ? 1 : 0;
                }
            }
            foreach (var file in Directory.EnumerateFiles(lists, "*.json"))
            {
                using var associations = JsonDocument.Parse(File.ReadAllText(file));
                foreach (var link in associations.RootElement.GetProperty("Associations").EnumerateArray())
                {
                    fromTables.Add((link.GetProperty("TransitGatewayAttachmentId").GetString()!, Path.GetFileNameWithoutExtension(file)));
                }
            }
        }

        Assert.NotEmpty(fromTables);
        Assert.Equal(fromAttachments.Order(), fromTables.Order());
        Assert.Equal(Ocado.Guardrails.Scanner.Demo.DemoLayout.Regions.Count, vpns);
    }

    [Fact]
    public void AFailingVpcsGatewayEndpointIsInItsEvidenceBesideThePath()
    {
        using var findings = demo.Findings();
        var fails = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "segregation-vpc-no-route-to-foreign-customer" && f.GetProperty("verdict").GetString() == "fail").ToList();

        Assert.NotEmpty(fails);
        Assert.All(fails, f =>
        {
            using var evidence = JsonDocument.Parse(f.GetProperty("evidence").GetString()!);
            var vpc = f.GetProperty("resourceArn").GetString()!.Split('/')[^1];
            var endpoint = Assert.Single(evidence.RootElement.GetProperty("values").GetProperty("endpoints").EnumerateArray()).GetString()!;
            Assert.StartsWith($"vpce-0{vpc[5..]} Gateway com.amazonaws.", endpoint, StringComparison.Ordinal);
            Assert.EndsWith(".s3 (available, route tables rtb-0" + vpc[5..] + ", with a policy)", endpoint, StringComparison.Ordinal);
        });
    }
}

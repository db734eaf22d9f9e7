using System.Text.Json;
using Ocado.Guardrails.Rules.Network;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes an account's <c>describe-security-groups</c> and <c>describe-network-acls</c> outputs as the AWS CLI prints
/// them, so that the open-path rule judges the demo (docs/network.md): the security groups as their configuration items
/// say, and each VPC's default network ACL (everything allowed both ways, then the final deny), with the denies the hub
/// plants before it (<see cref="DemoHub.AclDenies"/>). Two files per account and region, whatever the size.
/// </summary>
internal static class FilterSnapshotWriter
{
    private const string Anywhere = "0.0.0.0/0";

    public static void Write(RegionContext r, DemoHub hub)
    {
        NetworkSnapshotWriter.Output(r, NetworkOutputs.SecurityGroups, "SecurityGroups", r.Network.Groups, (w, g) =>
        {
            w.WriteString("Description", g.Description);
            w.WriteString("GroupName", g.Name);
            w.WriteStartArray("IpPermissions");
            Permission(w, g.Protocol, g.Port, g.Ingress);
            w.WriteEndArray();
            w.WriteString("OwnerId", r.Id);
            w.WriteString("GroupId", g.Id);
            w.WriteStartArray("IpPermissionsEgress");
            Permission(w, "-1", null, [Anywhere]);
            w.WriteEndArray();
            w.WriteString("VpcId", g.VpcId);
        });
        var attached = hub.AttachmentOf(r.Account.Account, r.Region);
        NetworkSnapshotWriter.Output(r, NetworkOutputs.NetworkAcls, "NetworkAcls", r.Network.Vpcs, (w, vpc) =>
        {
            var id = "acl-0" + vpc.Id[5..];
            w.WriteStartArray("Associations");
            foreach (var subnet in vpc.Subnets)
            {
                w.WriteStartObject();
                w.WriteString("NetworkAclAssociationId", "aclassoc-0" + subnet.Id[8..]);
                w.WriteString("NetworkAclId", id);
                w.WriteString("SubnetId", subnet.Id);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("Entries");
            IReadOnlyList<string> denied = attached is not null && attached.VpcId == vpc.Id ? hub.AclDenies(r.Account.Account, r.Region) : [];
            foreach (var egress in new[] { true, false })
            {
                if (!egress)
                {
                    for (var i = 0; i < denied.Count; i++)
                    {
                        Entry(w, denied[i], egress: false, "deny", 50 + i);
                    }
                }
                Entry(w, Anywhere, egress, "allow", 100);
                Entry(w, Anywhere, egress, "deny", 32767);
            }
            w.WriteEndArray();
            w.WriteBoolean("IsDefault", true);
            w.WriteString("NetworkAclId", id);
            w.WriteStartArray("Tags");
            w.WriteEndArray();
            w.WriteString("VpcId", vpc.Id);
            w.WriteString("OwnerId", r.Id);
        });
    }

    private static void Permission(Utf8JsonWriter w, string protocol, int? port, IReadOnlyList<string> blocks)
    {
        w.WriteStartObject();
        w.WriteString("IpProtocol", protocol);
        if (port is { } p)
        {
            w.WriteNumber("FromPort", p);
            w.WriteNumber("ToPort", p);
        }
        w.WriteStartArray("IpRanges");
        foreach (var block in blocks)
        {
            w.WriteStartObject();
            w.WriteString("CidrIp", block);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("Ipv6Ranges");
        w.WriteEndArray();
        w.WriteStartArray("PrefixListIds");
        w.WriteEndArray();
        w.WriteStartArray("UserIdGroupPairs");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Entry(Utf8JsonWriter w, string block, bool egress, string action, int number)
    {
        w.WriteStartObject();
        w.WriteString("CidrBlock", block);
        w.WriteBoolean("Egress", egress);
        w.WriteString("Protocol", "-1");
        w.WriteString("RuleAction", action);
        w.WriteNumber("RuleNumber", number);
        w.WriteEndObject();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes <c>iam/authorization-details.json</c> as <c>aws iam get-account-authorization-details</c> does. Policy
/// documents are JSON objects (the CLI decodes them), or URL-encoded JSON strings in the account that stands for
/// the raw API.
/// </summary>
internal static class AuthorizationDetailsWriter
{
    public static void Write(AccountContext context, IamModel model)
    {
        var encoded = context.Account.UrlEncodedIam;
        using var stream = SnapshotWriter.Create(SnapshotLayout.AuthorizationDetails(context.Directory));
        using var w = new Utf8JsonWriter(stream, SnapshotWriter.Compact);
        void Doc(string property, JsonObject document)
        {
            if (encoded)
            {
                w.WriteString(property, PolicyJson.UrlEncoded(document));
            }
            else
            {
                w.WritePropertyName(property);
                document.WriteTo(w);
            }
        }
        void Inline(string property, List<IamInline> inline)
        {
            w.WriteStartArray(property);
            foreach (var policy in inline)
            {
                w.WriteStartObject();
                w.WriteString("PolicyName", policy.Name);
                Doc("PolicyDocument", policy.Document);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartObject();
        w.WriteStartArray("UserDetailList");
        foreach (var user in model.Users)
        {
            w.WriteStartObject();
            Header(w, "User", user.Name, user.Id, user.Arn, user.Created, "/");
            Inline("UserPolicyList", user.Inline);
            w.WriteStartArray("GroupList");
            user.Groups.ForEach(g => w.WriteStringValue(g.Name));
            w.WriteEndArray();
            Attached(w, user.Attached);
            user.Tags.WriteArray(w, "Tags", "Key", "Value");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("GroupDetailList");
        foreach (var group in model.Groups)
        {
            w.WriteStartObject();
            Header(w, "Group", group.Name, group.Id, group.Arn, group.Created, "/");
            Inline("GroupPolicyList", group.Inline);
            Attached(w, group.Attached);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("RoleDetailList");
        foreach (var role in model.Roles)
        {
            w.WriteStartObject();
            Header(w, "Role", role.Name, role.Id, role.Arn, role.Created, role.Path);
            Doc("AssumeRolePolicyDocument", role.Trust);
            w.WriteStartArray("InstanceProfileList");
            if (role.HasInstanceProfile)
            {
                w.WriteStartObject();
                w.WriteString("Path", "/");
                w.WriteString("InstanceProfileName", role.Name);
                w.WriteString("InstanceProfileId", "AIPA" + role.Id[4..]);
                w.WriteString("Arn", $"arn:aws:iam::{context.Id}:instance-profile/{role.Name}");
                w.WriteString("CreateDate", Iso.Seconds(role.Created));
                w.WriteStartArray("Roles");
                w.WriteStartObject();
                Header(w, "Role", role.Name, role.Id, role.Arn, role.Created, role.Path);
                Doc("AssumeRolePolicyDocument", role.Trust);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Inline("RolePolicyList", role.Inline);
            Attached(w, role.Attached);
            role.Tags.WriteArray(w, "Tags", "Key", "Value");
            w.WriteStartObject("RoleLastUsed");
            if (role.LastUsed is { } used)
            {
                w.WriteString("LastUsedDate", Iso.Seconds(used));
                w.WriteString("Region", DemoLayout.Regions[0]);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("Policies");
        foreach (var policy in model.Policies)
        {
            var versions = policy.PreviousDocument is null ? 1 : 2;
            w.WriteStartObject();
            w.WriteString("PolicyName", policy.Name);
            w.WriteString("PolicyId", policy.Id);
            w.WriteString("Arn", policy.Arn);
            w.WriteString("Path", "/");
            w.WriteString("DefaultVersionId", $"v{versions}");
            w.WriteNumber("AttachmentCount", policy.AttachmentCount);
            w.WriteNumber("PermissionsBoundaryUsageCount", 0);
            w.WriteBoolean("IsAttachable", true);
            w.WriteString("CreateDate", Iso.Seconds(policy.Created));
            w.WriteString("UpdateDate", Iso.Seconds(policy.Created.AddDays(versions == 1 ? 0 : 30)));
            w.WriteStartArray("PolicyVersionList");
            w.WriteStartObject();
            Doc("Document", policy.Document);
            w.WriteString("VersionId", $"v{versions}");
            w.WriteBoolean("IsDefaultVersion", true);
            w.WriteString("CreateDate", Iso.Seconds(policy.Created.AddDays(versions == 1 ? 0 : 30)));
            w.WriteEndObject();
            if (policy.PreviousDocument is { } previous)
            {
                w.WriteStartObject();
                Doc("Document", previous);
                w.WriteString("VersionId", "v1");
                w.WriteBoolean("IsDefaultVersion", false);
                w.WriteString("CreateDate", Iso.Seconds(policy.Created));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Header(Utf8JsonWriter w, string kind, string name, string id, string arn, DateTimeOffset created, string path)
    {
        w.WriteString("Path", path);
        w.WriteString(kind + "Name", name);
        w.WriteString(kind + "Id", id);
        w.WriteString("Arn", arn);
        w.WriteString("CreateDate", Iso.Seconds(created));
    }

    private static void Attached(Utf8JsonWriter w, List<IamPolicy> attached)
    {
        w.WriteStartArray("AttachedManagedPolicies");
        foreach (var policy in attached)
        {
            w.WriteStartObject();
            w.WriteString("PolicyName", policy.Name);
            w.WriteString("PolicyArn", policy.Arn);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

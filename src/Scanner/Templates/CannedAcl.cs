using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// A bucket's <c>AccessControl</c> (a canned ACL) as the grant list AWS Config records, so that the ACL
/// rule judges a template bucket as it judges a live one
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl). A bucket without
/// one is private; one only CloudFormation knows at deploy time is judged as the worst, PublicReadWrite.
/// </summary>
internal static class CannedAcl
{
    private const string Owner = "template-bucket-owner";

    private static readonly (string Group, string Permission)[] PublicReadWrite = [("AllUsers", "Read"), ("AllUsers", "Write")];

    public static JsonObject Grants(JsonNode? accessControl)
    {
        (string Group, string Permission)[] groups = accessControl switch
        {
            null => [],
            JsonValue value when value.TryGetValue(out string? name) && !Unknown.Contains(name) => name switch
            {
                "PublicRead" => [("AllUsers", "Read")],
                "PublicReadWrite" => PublicReadWrite,
                "AuthenticatedRead" => [("AuthenticatedUsers", "Read")],
                "LogDeliveryWrite" => [("LogDelivery", "Write"), ("LogDelivery", "ReadAcp")],
                // Private, BucketOwnerRead and BucketOwnerFullControl (object ACLs: on a bucket, the owner alone)
                // and AwsExecRead (EC2 reads AMI bundles) grant no one but the owner and AWS.
                _ => [],
            },
            _ => PublicReadWrite,
        };
        var grants = new JsonArray(new JsonObject { ["grantee"] = new JsonObject { ["id"] = Owner }, ["permission"] = "FullControl" });
        foreach (var (group, permission) in groups)
        {
            grants.Add(new JsonObject { ["grantee"] = group, ["permission"] = permission });
        }
        return new JsonObject { ["owner"] = new JsonObject { ["id"] = Owner }, ["grantList"] = grants };
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// S3 buckets as AWS Config records them: policy and ACL in supplementaryConfiguration, the policy as a JSON string
/// (null when the bucket has none). Most policies only deny insecure transport, like the real sample.
/// </summary>
internal static class StorageGenerator
{
    public static void Generate(RegionContext r)
    {
        var context = r.Account;
        for (var b = 0; b < r.Plan.Buckets; b++)
        {
            var application = r.Application();
            var name = $"{r.Prefix}-{application}-{context.Faker.PickRandom(Names.BucketPurposes)}-{Names.RegionShort(r.Region)}-{b + 1}";
            var arn = "arn:aws:s3:::" + name;
            var grant = context.BucketGrants.Next();
            string? policy = null;
            if (grant != Grant.Default || b % 2 == 0)
            {
                var target = new GrantTarget("bucket policy", ["s3:GetObject", "s3:ListBucket"], [arn, arn + "/*"],
                    "logging.s3.amazonaws.com", $"arn:aws:cloudtrail:{r.Region}:{r.Id}:trail/{r.Prefix}-trail");
                var (statements, why) = GrantStatements.Build(grant, context, target);
                policy = Text(Document([DenyInsecureTransport(arn), .. statements]));
                if (why is not null)
                {
                    context.Violation(RuleIds.BucketPolicy, arn, why);
                }
            }
            var tags = r.NextTags(null, application);
            var created = context.DaysAgo(20, 1500);
            var item = new ConfigItem("AWS::S3::Bucket", name, name, arn, r.Region, "Regional", created);
            r.Emit(item, tags, [], w =>
            {
                w.WriteString("name", name);
                w.WriteStartObject("owner");
                w.WriteNull("displayName");
                w.WriteString("id", context.CanonicalUserId);
                w.WriteEndObject();
                w.WriteString("creationDate", Iso.Millis(created));
            }, w => Supplementary(w, context.CanonicalUserId, policy, publicAccessBlocked: grant != Grant.Public));
        }
    }

    private static JsonObject DenyInsecureTransport(string arn) =>
        Statement("Deny", JsonValue.Create("*"), ["s3:*"], [arn, arn + "/*"],
            Condition("Bool", "aws:SecureTransport", "false"), "DenyInsecureTransport");

    private static void Supplementary(Utf8JsonWriter w, string owner, string? policy, bool publicAccessBlocked)
    {
        w.WriteString("AccessControlList",
            $"{{\"grantSet\":null,\"grantList\":[{{\"grantee\":{{\"id\":\"{owner}\",\"displayName\":null}},\"permission\":\"FullControl\"}}],\"owner\":{{\"displayName\":null,\"id\":\"{owner}\"}},\"isRequesterCharged\":false}}");
        w.WriteStartObject("BucketAccelerateConfiguration");
        w.WriteNull("status");
        w.WriteEndObject();
        w.WriteStartObject("BucketLoggingConfiguration");
        w.WriteNull("destinationBucketName");
        w.WriteNull("logFilePrefix");
        w.WriteEndObject();
        w.WriteStartObject("BucketNotificationConfiguration");
        w.WriteStartObject("configurations");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("BucketPolicy");
        if (policy is null)
        {
            w.WriteNull("policyText");
        }
        else
        {
            w.WriteString("policyText", policy);
        }
        w.WriteEndObject();
        w.WriteStartObject("BucketVersioningConfiguration");
        w.WriteString("status", "Enabled");
        w.WriteNull("isMfaDeleteEnabled");
        w.WriteEndObject();
        w.WriteBoolean("IsRequesterPaysEnabled", false);
        w.WriteStartObject("PublicAccessBlockConfiguration");
        w.WriteBoolean("blockPublicAcls", publicAccessBlocked);
        w.WriteBoolean("ignorePublicAcls", publicAccessBlocked);
        w.WriteBoolean("blockPublicPolicy", publicAccessBlocked);
        w.WriteBoolean("restrictPublicBuckets", publicAccessBlocked);
        w.WriteEndObject();
        w.WriteStartObject("ServerSideEncryptionConfiguration");
        w.WriteStartArray("rules");
        w.WriteStartObject();
        w.WriteStartObject("applyServerSideEncryptionByDefault");
        w.WriteString("sseAlgorithm", "aws:kms");
        w.WriteNull("kmsMasterKeyID");
        w.WriteEndObject();
        w.WriteBoolean("bucketKeyEnabled", true);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

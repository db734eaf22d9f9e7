using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>KMS customer managed keys with AWS's default key policy (supplementaryConfiguration.Policy).</summary>
internal static class KeyGenerator
{
    public static void Generate(RegionContext r)
    {
        var context = r.Account;
        for (var k = 0; k < r.Plan.Keys; k++)
        {
            var application = r.Application();
            var id = AwsIds.Uuid(context.Random);
            var arn = r.Arn("kms", "key/" + id);
            var created = context.DaysAgo(30, 1500);
            var policy = Text(Document(
                [Statement("Allow", AwsPrincipal(Root(r.Id)), ["kms:*"], ["*"], sid: "Enable IAM User Permissions")], "key-default-1"));
            var tags = r.NextTags(null, application);
            var item = new ConfigItem("AWS::KMS::Key", id, null, arn, r.Region, "Not Applicable", created);
            r.Emit(item, tags, [], w =>
            {
                w.WriteString("keyId", id);
                w.WriteString("arn", arn);
                w.WriteNumber("creationDate", created.ToUnixTimeMilliseconds());
                w.WriteBoolean("enabled", true);
                w.WriteString("description", $"{application} data key");
                w.WriteString("keyUsage", "ENCRYPT_DECRYPT");
                w.WriteString("keyState", "Enabled");
                w.WriteString("origin", "AWS_KMS");
                w.WriteString("keyManager", "CUSTOMER");
                w.WriteString("customerMasterKeySpec", "SYMMETRIC_DEFAULT");
                w.WriteString("keySpec", "SYMMETRIC_DEFAULT");
                w.WriteStartArray("encryptionAlgorithms");
                w.WriteStringValue("SYMMETRIC_DEFAULT");
                w.WriteEndArray();
                w.WriteBoolean("multiRegion", false);
                w.WriteString("awsaccountId", r.Id);
            }, w => w.WriteString("Policy", policy));
        }
    }
}

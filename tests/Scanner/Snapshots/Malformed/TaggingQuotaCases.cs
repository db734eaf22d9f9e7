using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>An account's tagging/ and quotas/ folders, and the account folder itself.</summary>
internal static class TaggingQuotaCases
{
    private const string Tagging = $"{Acme}/tagging/eu-west-1.json";
    private const string Quotas = $"{Acme}/quotas/eu-west-1/ec2.json";

    private static string Mapping(string arn, string tags = """[{"Key": "owner", "Value": "o"}]""") => $$"""{"ResourceTagMappingList": [{"ResourceARN": {{arn}}, "Tags": {{tags}}}]}""";

    private static string Quota(string fields) => $$"""{"Quotas": [{"ServiceCode": "ec2", "QuotaName": "Running On-Demand Standard instances", "Value": 1152.0{{fields}}}]}""";

    public static IEnumerable<MalformedCase> All() =>
    [
        new("tagging: UTF-16 with a byte-order mark", Tagging, Expect.Read, "", Plant.Utf16(Mapping($"\"arn:aws:sqs:eu-west-1:{Acme}:acme-queue\""))),
        new("tagging: UTF-8 with a byte-order mark", Tagging, Expect.Read, "", Plant.Utf8Bom(Mapping($"\"arn:aws:sqs:eu-west-1:{Acme}:acme-queue\""))),
        Gap(Tagging, "tagging: ResourceARN is a number", "ResourceARN is a number", Plant.Text(Mapping("123"))),
        Gap(Tagging, "tagging: ResourceARN is null", "is not an ARN", Plant.Text(Mapping("null"))),
        Gap(Tagging, "tagging: ResourceARN is not an ARN", "is not an ARN", Plant.Text(Mapping("\"acme-queue\""))),
        Gap(Tagging, "tagging: another customer's resource", $"names account {Globex}", Plant.Text(Mapping($"\"arn:aws:sqs:eu-west-1:{Globex}:globex-queue\""))),
        Gap(Tagging, "tagging: Tags is a string", "tags are a string", Plant.Text(Mapping($"\"arn:aws:sqs:eu-west-1:{Acme}:acme-queue\"", "\"owner\""))),
        Gap(Tagging, "tagging: Tags holds numbers", "tag 0 is a number", Plant.Text(Mapping($"\"arn:aws:sqs:eu-west-1:{Acme}:acme-queue\"", "[1]"))),
        Gap(Tagging, "tagging: a tag's Key is a number", "key is a number", Plant.Text(Mapping($"\"arn:aws:sqs:eu-west-1:{Acme}:acme-queue\"", """[{"Key": 1, "Value": "v"}]"""))),
        Gap(Tagging, "tagging: a 2,000-character tag value", "maxTagLength", Plant.Text(Mapping($"\"arn:aws:sqs:eu-west-1:{Acme}:acme-queue\"", $$"""[{"Key": "owner", "Value": "{{new string('x', 2_000)}}"}]"""))),
        Gap(Tagging, "tagging: ResourceTagMappingList is an object", "expected ResourceTagMappingList", Plant.Text("""{"ResourceTagMappingList": {}}""")),
        Gap(Tagging, "tagging: a mapping is a string", "is a string, not an object", Plant.Text("""{"ResourceTagMappingList": ["arn:aws:s3:::b"]}""")),
        Gap(Tagging, "tagging: one invalid UTF-8 byte", "not valid UTF-8", Plant.InvalidUtf8(Mapping($"\"arn:aws:sqs:eu-west-1:{Acme}:acme-@@queue\""))),
        Gap(Tagging, "tagging: a FIFO", "FIFO", Plant.Fifo),
        Gap($"{Acme}/tagging", "tagging: the tagging folder is a file", "not a folder", Plant.FileInsteadOfFolder),
        Gap(Quotas, "quotas: Quotas is a string", "expected Quotas", Plant.Text("""{"Quotas": "x"}""")),
        Gap(Quotas, "quotas: a quota is a string", "is a string, not an object", Plant.Text("""{"Quotas": ["L-1216C47A"]}""")),
        Gap(Quotas, "quotas: QuotaCode is a number", "QuotaCode is a number", Plant.Text(Quota(", \"QuotaCode\": 1216"))),
        Gap(Quotas, "quotas: a quota without QuotaCode", "has no QuotaCode", Plant.Text(Quota(""))),
        Gap(Quotas, "quotas: QuotaArn of another account", $"names account {Globex}", Plant.Text(Quota($", \"QuotaCode\": \"L-1216C47A\", \"QuotaArn\": \"arn:aws:servicequotas:eu-west-1:{Globex}:ec2/L-1216C47A\""))),
        Gap(Quotas, "quotas: one invalid UTF-8 byte", "not valid UTF-8", Plant.InvalidUtf8(Quota(", \"QuotaCode\": \"L-@@\""))),
        Gap($"{Acme}/quotas/ec2.json", "quotas: a file outside a region folder", "not in a region folder", Plant.Text(Quota(", \"QuotaCode\": \"L-1216C47A\""))),
        Gap(Acme, "account: the account folder is a file", "not a folder", Plant.FileInsteadOfFolder),
    ];

    private static MalformedCase Gap(string target, string name, string says, Action<string> plant) => new(name, target, Expect.Gap, says, plant);
}

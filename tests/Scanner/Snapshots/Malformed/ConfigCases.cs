using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>An account's AWS Config file: every shape AWS never writes, and every way a file can be no file.</summary>
internal static class ConfigCases
{
    private const string Target = $"{Acme}/config/eu-west-1.json";

    private static string Items(params string[] items) => $$"""{"configurationItems": [{{string.Join(", ", items)}}]}""";

    private static readonly string Valid = Items(ConfigItem("acme-orders", Acme), ConfigItem("acme-logs", Acme));

    public static IEnumerable<MalformedCase> All() =>
    [
        Gap("config: one invalid UTF-8 byte in a tag value", "not valid UTF-8", Plant.InvalidUtf8(Valid.Replace("CC-1", "CC-@@", StringComparison.Ordinal))),
        Gap("config: truncated JSON", "invalid JSON", Plant.Text(Valid[..40])),
        Gap("config: empty file", "invalid JSON", Plant.Text("")),
        Gap("config: null", "not AWS Config output", Plant.Text("null")),
        Gap("config: a string", "not AWS Config output", Plant.Text("\"x\"")),
        Gap("config: a number", "not AWS Config output", Plant.Text("42")),
        Gap("config: configurationItems is a string", "configurationItems is a string, not a list", Plant.Text("""{"configurationItems": "x"}""")),
        Gap("config: configurationItems holds numbers", "is a number, not an object", Plant.Text("""{"configurationItems": [1, 2, 3]}""")),
        Gap("config: an item is a list", "is a list, not an object", Plant.Text("""{"configurationItems": [[]]}""")),
        Gap("config: an item without resourceType", "no resourceType", Plant.Text(Items(ConfigItem("acme-orders", Acme).Replace("\"resourceType\"", "\"type\"", StringComparison.Ordinal)))),
        Gap("config: resourceType is a number", "resourceType is a number", Plant.Text(Items(ConfigItem("acme-orders", Acme).Replace("\"AWS::S3::Bucket\"", "123", StringComparison.Ordinal)))),
        Gap("config: awsAccountId is a number", "awsAccountId is a number", Plant.Text(Items(ConfigItem("acme-orders", Acme).Replace($"\"{Acme}\"", Acme, StringComparison.Ordinal)))),
        Gap("config: an item of another customer's account", $"says account {Globex}", Plant.Text(Items(ConfigItem("acme-orders", Acme), ConfigItem("globex-secrets", Globex)))),
        Gap("config: an item whose ARN names another account", $"names account {Globex}", Plant.Text(Items(ConfigItem("acme-orders", Acme).Replace("arn:aws:s3:::acme-orders", $"arn:aws:sqs:eu-west-1:{Globex}:q", StringComparison.Ordinal)))),
        // An identity key is found in another case when its own spelling is absent (JsonPath), and checked there too.
        Gap("config: accountId spelled in another case is a number", "accountId is a number", Plant.Text(Items(ConfigItem("acme-orders", Acme, ", \"AccountId\": 5")))),
        Gap("config: awsAccountId given twice", "Duplicate", Plant.Text(Items(ConfigItem("acme-orders", Acme, $", \"awsAccountId\": \"{Globex}\"")))),
        Gap("config: select-resource-config Results with awsAccountId twice", "Duplicate", Plant.Text($$"""{"Results": ["{\"resourceType\": \"AWS::S3::Bucket\", \"resourceId\": \"b\", \"awsAccountId\": \"{{Acme}}\", \"awsAccountId\": \"{{Globex}}\"}"]}""")),
        Gap("config: select-resource-config Results that are not JSON", "not a JSON configuration item", Plant.Text("""{"Results": ["{not json"]}""")),
        Gap("config: tags is a string", "tags are a string", Plant.Text(Items(ConfigItem("acme-orders", Acme).Replace("\"tags\": {", "\"tags\": \"owner\", \"x\": {", StringComparison.Ordinal)))),
        Gap("config: tags is a list of numbers", "tag 0 is a number", Plant.Text(Items(ConfigItem("acme-orders", Acme).Replace("\"tags\": {", "\"tags\": [1, 2], \"x\": {", StringComparison.Ordinal)))),
        Gap("config: a 2,000-character tag value", "maxTagLength", Plant.Text(Items(ConfigItem("acme-orders", Acme).Replace("CC-1", new string('x', 2_000), StringComparison.Ordinal)))),
        Gap("config: larger than limits.maxFileBytes", "larger than 65,536 bytes", Plant.Text(Items(ConfigItem("acme-orders", Acme, $", \"padding\": \"{new string(' ', 100_000)}\""))), "limits: { maxFileBytes: 64KiB }"),
        Gap("config: nested 100,000 deep", "depth", Plant.Deep("""{"configurationItems": [], "x": """, 100_000, "}")),
        Gap("config: NaN", "invalid JSON", Plant.Text("""{"configurationItems": [NaN]}""")),
        Gap("config: a trailing comma", "invalid JSON", Plant.Text("""{"configurationItems": [],}""")),
        Gap("config: a FIFO", "FIFO", Plant.Fifo),
        Gap("config: a link to /dev/zero", "outside the snapshot", Plant.LinkTo("/dev/zero")),
        Gap("config: a link to /etc/passwd", "outside the snapshot", Plant.LinkTo("/etc/passwd")),
        Gap("config: a link to a valid file outside the snapshot", "outside the snapshot", Plant.LinkOutside),
        Gap("config: a dangling link", "does not exist", Plant.LinkTo("missing.json")),
        Gap("config: a directory named like the file", "is a directory", Plant.Folder),
        Gap("config: the config folder is a file", "not a folder", Plant.FileInsteadOfFolder, target: $"{Acme}/config"),
        // Its files are no links: what refuses them is the folder above, met while their path is resolved.
        Gap("config: the config folder is a link to a folder outside the snapshot", "outside the snapshot", Plant.FolderLinkOutside, target: $"{Acme}/config"),
        Gap("config: another account's items dropped beside acme's", $"says account {Globex}", Plant.Text(Items(ConfigItem("globex-orders", Globex))), target: $"{Acme}/config/eu-west-1-aggregator.json"),
        Read("config: a link to a file inside the snapshot", Plant.LinkInside),
        Read("config: UTF-16 with a byte-order mark", Plant.Utf16(Valid)),
        Read("config: UTF-8 with a byte-order mark", Plant.Utf8Bom(Valid)),
        Read("config: terminal escapes and control characters in a tag", Plant.Text(Valid.Replace("CC-1", "CC-1\\u001b]0;owned\\u0007\\u001b[2J\\r", StringComparison.Ordinal))),
        Read("config: configuration a number, relationships an object", Plant.Text(Items(ConfigItem("acme-orders", Acme, ", \"relationships\": {\"a\": 1}").Replace("\"configuration\": {}", "\"configuration\": 42", StringComparison.Ordinal), ConfigItem("acme-logs", Acme)))),
        new("config: a compressed file beside the others", $"{Acme}/config/eu-west-1.json.gz", Expect.Warning, "ignored", Plant.Bytes([0x1f, 0x8b, 0x08, 0x00])),
    ];

    private static MalformedCase Gap(string name, string says, Action<string> plant, string yaml = "", string target = Target) => new(name, target, Expect.Gap, says, plant, Yaml: yaml);

    private static MalformedCase Read(string name, Action<string> plant) => new(name, Target, Expect.Read, "", plant);
}

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>collection.json, which speaks for the whole snapshot: unreadable, it makes every account a gap, since what was not collected is unknown.</summary>
internal static class CollectionCases
{
    private const string Target = "collection.json";
    private const string Valid = """{"collectedAt": "2026-11-01T02:00:00Z", "gaps": []}""";

    public static IEnumerable<MalformedCase> All() =>
    [
        Gap("collection: one invalid UTF-8 byte", "not valid UTF-8", Plant.InvalidUtf8("""{"collectedAt": "2026-11-01T02:00:00Z", "gaps": [], "note": "@@"}""")),
        Gap("collection: truncated JSON", "invalid JSON", Plant.Text("""{"collectedAt": "2026-11-01""")),
        Gap("collection: empty file", "invalid JSON", Plant.Text("")),
        Gap("collection: null", "is null, not an object", Plant.Text("null")),
        Gap("collection: a list", "is a list, not an object", Plant.Text("[]")),
        Gap("collection: gaps is an object", "gaps is an object, not a list", Plant.Text("""{"gaps": {"accountId": "111111111111"}}""")),
        Gap("collection: gaps is null", "gaps is null, not a list", Plant.Text("""{"gaps": null}""")),
        Gap("collection: a gap without accountId", "no accountId", Plant.Text("""{"gaps": [{"region": "eu-west-1"}]}""")),
        Gap("collection: a gap's accountId is a number", "accountId is a number", Plant.Text("""{"gaps": [{"accountId": 111111111111}]}""")),
        Gap("collection: a gap's accountId climbs out of the snapshot", "not a 12-digit AWS account id", Plant.Text("""{"gaps": [{"accountId": "../../etc"}]}""")),
        Gap("collection: a gap is a string", "is a string, not an object", Plant.Text("""{"gaps": ["AccessDenied"]}""")),
        Gap("collection: a gap's reason is an object", "reason is an object", Plant.Text("""{"gaps": [{"accountId": "111111111111", "reason": {}}]}""")),
        Gap("collection: collectedAt given twice", "Duplicate", Plant.Text("""{"collectedAt": "2026-11-01T02:00:00Z", "collectedAt": "2020-01-01T00:00:00Z", "gaps": []}""")),
        Gap("collection: nested 100,000 deep", "depth", Plant.Deep("""{"gaps": [], "x": """, 100_000, "}")),
        Gap("collection: a FIFO", "FIFO", Plant.Fifo),
        Gap("collection: a link to /dev/zero", "outside the snapshot", Plant.LinkTo("/dev/zero")),
        Gap("collection: a directory", "is a directory", Plant.Folder),
        Warn("collection: collectedAt 'yesterday'", "'yesterday' is not a date", Plant.Text("""{"collectedAt": "yesterday", "gaps": []}""")),
        Warn("collection: collectedAt a number", "collectedAt a number is not a date", Plant.Text("""{"collectedAt": 1762000000, "gaps": []}""")),
        Read("collection: UTF-16 with a byte-order mark", Plant.Utf16(Valid)),
        Read("collection: UTF-8 with a byte-order mark", Plant.Utf8Bom(Valid)),
    ];

    private static MalformedCase Gap(string name, string says, Action<string> plant) => new(name, Target, Expect.Gap, says, plant, EveryAccount: true);

    private static MalformedCase Warn(string name, string says, Action<string> plant) => new(name, Target, Expect.Warning, says, plant);

    private static MalformedCase Read(string name, Action<string> plant) => new(name, Target, Expect.Read, "", plant);
}

using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>A region's ram/ files (aws ram get-resource-shares, list-resources, list-principals): read together, or a gap naming the file.</summary>
internal static class RamCases
{
    private const string Folder = $"{Acme}/ram/eu-west-1";
    private const string Shares = $"{Folder}/get-resource-shares.json";
    private const string Principals = $"{Folder}/list-principals.json";
    private const string ShareArn = $"arn:aws:ram:eu-west-1:{Acme}:resource-share/7ab63972-b505-7e2a-420d-6f5d3example";

    private static string Share(string extra = "") =>
        $$"""{"resourceShares": [{"resourceShareArn": "{{ShareArn}}", "name": "subnets", "owningAccountId": "{{Acme}}", "allowExternalPrincipals": false, "status": "ACTIVE", "creationTime": "2026-10-31T23:00:00+00:00"{{extra}}}]}""";

    private const string Resources = $$"""{"resources": [{"arn": "arn:aws:ec2:eu-west-1:{{Acme}}:subnet/subnet-0a1b2c3d", "type": "ec2:Subnet", "resourceShareArn": "{{ShareArn}}", "status": "AVAILABLE"}]}""";
    private const string PrincipalList = $$"""{"principals": [{"id": "{{Globex}}", "resourceShareArn": "{{ShareArn}}", "external": false}]}""";

    public static IEnumerable<MalformedCase> All() =>
    [
        new("ram: the CLI's three outputs are read", Shares, Expect.Read, "", WithOthers(Plant.Text(Share()))),
        Gap("ram: the shares file is a list", Shares, "has no resourceShares list", WithOthers(Plant.Text("[]"))),
        Gap("ram: invalid JSON in the shares file", Shares, "invalid JSON", WithOthers(Plant.Text("{\"resourceShares\": ["))),
        Gap("ram: a share without its ARN", Shares, "resourceShareArn is missing", WithOthers(Plant.Text("""{"resourceShares": [{"name": "x"}]}"""))),
        Gap("ram: a share of another account", Shares, "is not a RAM share of account", WithOthers(Plant.Text(Share().Replace($":{Acme}:resource-share", $":{Globex}:resource-share", StringComparison.Ordinal)))),
        Gap("ram: allowExternalPrincipals as a string", Shares, "allowExternalPrincipals is a string", WithOthers(Plant.Text(Share().Replace("\"allowExternalPrincipals\": false", "\"allowExternalPrincipals\": \"no\"", StringComparison.Ordinal)))),
        Gap("ram: only the first page of shares", Shares, "nextToken is set", WithOthers(Plant.Text(Share()[..^1] + ", \"nextToken\": \"abc\"}"))),
        Gap("ram: a principal without its share", Principals, "whose share it belongs to is unknown", WithOthers(Plant.Text("""{"principals": [{"id": "123456789012"}]}"""))),
        Gap("ram: the principals file is missing", Principals, "list-principals.json is missing", path =>
        {
            // The target is the file that is not there: the other two are.
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "get-resource-shares.json"), Share());
            File.WriteAllText(Path.Combine(folder, "list-resources.json"), Resources);
        }),
        Gap("ram: a link to /dev/urandom", Shares, "outside the snapshot", WithOthers(Plant.LinkTo("/dev/urandom"))),
    ];

    /// <summary>The region's folder with the other two files valid, then the planted one (over a valid one of its own name).</summary>
    private static Action<string> WithOthers(Action<string> plant) => path =>
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "get-resource-shares.json"), Share());
        File.WriteAllText(Path.Combine(folder, "list-resources.json"), Resources);
        File.WriteAllText(Path.Combine(folder, "list-principals.json"), PrincipalList);
        File.Delete(path);
        plant(path);
    };

    private static MalformedCase Gap(string name, string target, string says, Action<string> plant) => new(name, target, Expect.Gap, says, plant);
}

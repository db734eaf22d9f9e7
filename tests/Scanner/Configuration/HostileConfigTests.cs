using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

/// <summary>
/// Hostile guardrails.yaml files (issue 13): each is refused at start with a ConfigException (exit 2) that lists
/// every mistake and names what is wrong, within seconds, never with a crash, a hang or an exhausted memory.
/// </summary>
public sealed class HostileConfigTests
{
    private const string Customers = """
        estate:
          customers:
            - { id: acme, name: Acme Foods, accounts: ["111111111111"] }
            - { id: globex, name: Globex Retail, accounts: ["222222222222"] }

        """;

    private static readonly Dictionary<string, (Action<string> Plant, string[] Says)> Cases = new()
    {
        ["a complex key"] = (Plant.Text(Customers + "? [a, b]\n: 1\n"), ["not a plain value"]),
        ["an alias as a key"] = (Plant.Text(Customers + "x: &k key\n*k : 1\n"), ["not a plain value"]),
        ["a list nested 100,000 deep"] = (Plant.Deep(Customers + "rules: ", 100_000, "\n"), ["deeper than 256"]),
        ["a mapping nested 100,000 deep"] = (Plant.Text(Customers + "rules: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string('}', 100_000) + "\n"), ["deeper than 256"]),
        ["a billion laughs"] = (Plant.Text(Customers + BillionLaughs()), ["once aliases are expanded"]),
        ["two thousand aliases"] = (Plant.Text(Customers + "x: &a 1\ny: [" + string.Join(", ", Enumerable.Repeat("*a", 2_000)) + "]\n"), ["more than 1000 aliases"]),
        ["an alias of no anchor"] = (Plant.Text(Customers + "rules: *nothing\n"), ["names no anchor"]),
        ["one invalid UTF-8 byte"] = (Plant.InvalidUtf8(Customers + "# caf@@\n"), ["not valid UTF-8"]),
        ["a FIFO"] = (Plant.Fifo, ["FIFO"]),
        ["a link to /dev/zero"] = (Plant.LinkTo("/dev/zero"), ["character device"]),
        ["a directory"] = (Plant.Folder, ["is a directory"]),
        ["accounts as a mapping"] = (Plant.Text("estate:\n  customers:\n    - { id: acme, accounts: {a: 1} }\n"), ["estate.customers[0].accounts: must be a list, not a mapping"]),
        ["an account list holding a mapping"] = (Plant.Text("estate:\n  customers:\n    - { id: acme, accounts: [{a: 1}] }\n"), ["accounts[0]: must be text"]),
        ["two customers with one id"] = (Plant.Text("estate:\n  customers:\n    - { id: acme, accounts: [\"111111111111\"] }\n    - { id: acme, accounts: [\"222222222222\"] }\n"), ["'acme' is given to another customer too"]),
        ["an account both platform and customer"] = (Plant.Text(Customers + "  platform: { accounts: [\"111111111111\"] }\n"), ["111111111111 is also customer 'acme''s"]),
        ["a key given twice"] = (Plant.Text(Customers + "aws: { roleName: A }\naws: { roleName: B }\n"), ["the key 'aws' is given twice"]),
        ["customers as a mapping"] = (Plant.Text("estate:\n  customers: { acme: [\"111111111111\"] }\n"), ["estate.customers: must be a list of customers"]),
        ["a customer that is a string"] = (Plant.Text("estate:\n  customers: [acme]\n"), ["estate.customers[0]: must be a mapping"]),
        ["a customer's name that is a list"] = (Plant.Text("estate:\n  customers:\n    - { id: acme, name: [a], accounts: [\"111111111111\"] }\n"), ["name: must be text"]),
        ["a region that is none"] = (Plant.Text(Customers + "  regions: [eu-west-1, mars-north-1x, \"\"]\n"), ["'mars-north-1x' is not an AWS region name", "'' is not an AWS region name"]),
        ["a misspelt section"] = (Plant.Text(Customers + "waiver: []\n"), ["guardrails.yaml.waiver: unknown setting"]),
        ["a misspelt customer key"] = (Plant.Text("estate:\n  customers:\n    - { id: acme, acounts: [\"111111111111\"] }\n"), ["estate.customers[0].acounts: unknown setting"]),
        ["a platform that is a list"] = (Plant.Text(Customers + "  platform: [\"999999999999\"]\n"), ["estate.platform: must be a mapping"]),
        ["an estate that is a string"] = (Plant.Text("estate: acme\n"), ["estate: must be a mapping"]),
        ["a section that is a string"] = (Plant.Text(Customers + "storage: postgres\n"), ["storage: must be a mapping"]),
        ["limits that are not sizes"] = (Plant.Text(Customers + "limits: { maxFileBytes: lots, maxDepth: 0, maxNodes: 5 }\n"), ["limits.maxFileBytes: 'lots' is not a positive size", "limits.maxDepth: '0'", "limits.maxNodes: unknown setting"]),
        ["a list instead of a mapping"] = (Plant.Text("- estate\n"), ["must be a YAML mapping"]),
        ["a second document"] = (Plant.Text(Customers + "---\nestate: {}\n"), ["a second YAML document"]),
        ["a tab for indentation"] = (Plant.Text("estate:\n\tcustomers: []\n"), ["invalid tab"]),
        ["an empty file"] = (Plant.Text(""), ["estate: missing"]),
        ["every mistake at once"] = (Plant.Text("estate:\n  customers:\n    - { id: Acme, accounts: {a: 1} }\n    - { id: globex, accounts: [\"1\"] }\n  regions: [x]\nstorage: 1\nrules: []\n"),
            ["lower-kebab-case", "must be a list, not a mapping", "'1' is not a 12-digit", "'x' is not an AWS region", "storage: must be a mapping", "rules: must be a mapping"]),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task AHostileFileIsRefusedAtStartWithEveryMistakeNamed(string name)
    {
        var (plant, says) = Cases[name];
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "guardrails.yaml");
        plant(path);

        var load = Task.Run(() => GuardrailsConfig.Load(path), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<ConfigException>(() => load.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.All(says, text => Assert.Contains(text, error.Message, StringComparison.Ordinal));
        Assert.Equal(error.Errors.Count, error.Errors.Distinct().Count());
    }

    [Fact]
    public void AnchorsAliasesAndLimitsWithinBoundsAreRead()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "guardrails.yaml");
        File.WriteAllText(path, Customers + """
              regions: [eu-west-1, us-gov-west-1]
            rules:
              tagging-required-tags: &tags { tags: [owner, customer] }
              tagging-customer-matches-account: *tags
            limits: { maxFileBytes: 2GiB, maxDepth: 64, maxYamlAliases: 10, maxYamlNodes: 5000, maxTagLength: 256 }
            """);

        var config = GuardrailsConfig.Load(path);

        Assert.Equal(["owner", "customer"], config.ParamsFor("tagging-customer-matches-account").Strings("tags"));
        Assert.Equal(new InputLimits { MaxFileBytes = 2L << 30, MaxDepth = 64, MaxYamlAliases = 10, MaxYamlNodes = 5000, MaxTagLength = 256 }, config.Limits);
        Assert.Equal(["eu-west-1", "us-gov-west-1"], config.Estate.Regions);
    }

    /// <summary>Nine levels of ten aliases each: a billion values once expanded, from a file of a few hundred bytes.</summary>
    private static string BillionLaughs()
    {
        var lines = new List<string> { "a0: &a0 lol" };
        for (var i = 1; i <= 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }
        return string.Join("\n", lines) + "\n";
    }
}

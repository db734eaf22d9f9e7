using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

/// <summary>organization: in guardrails.yaml names where the AWS organisation is read from, checked when read.</summary>
public sealed class OrganizationSettingsTests
{
    private const string Estate = """
        estate:
          customers:
            - id: acme
              accounts: ["111111111111"]
          regions: [eu-west-1]
        aws:
          roleName: GuardrailsAudit
          externalId: "0042"

        """;

    private static GuardrailsConfig Load(string yaml)
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "guardrails.yaml");
        File.WriteAllText(path, Estate + yaml);
        return GuardrailsConfig.Load(path);
    }

    [Fact]
    public void TheManagementAccountAndItsRoleAreReadWithTheAwsSectionsRoleAndExternalIdAsDefaults()
    {
        var defaults = Load("""
            organization:
              accountId: "999999999999"
            """);
        var own = Load("""
            organization: { accountId: "888888888888", roleName: OrganizationsReader, externalId: org-1 }
            """);

        Assert.Equal(new OrganizationSettings("999999999999", "GuardrailsAudit", "0042"), defaults.Organization);
        Assert.Equal(new OrganizationSettings("888888888888", "OrganizationsReader", "org-1"), own.Organization);
        Assert.Null(Load("").Organization);
    }

    [Fact]
    public void AnUnknownKeyAMissingOrMalformedAccountAndABadRoleAreEachListed()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""
            organization:
              acountId: "999999999999"
              roleName: "no spaces allowed"
            """));

        Assert.Contains("organization.acountId: unknown setting (known: accountId, roleName, externalId)", error.Message, StringComparison.Ordinal);
        Assert.Contains("organization.accountId: missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("organization.roleName: 'no spaces allowed' is not an IAM role name", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a 12-digit AWS account id", Assert.Throws<ConfigException>(() => Load("organization: { accountId: \"12345\" }")).Message, StringComparison.Ordinal);
        Assert.Contains("organization: must be a mapping", Assert.Throws<ConfigException>(() => Load("organization: \"999999999999\"")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectRefusesAMisspeltOrganizationSettingWithExitCode2BeforeCallingAws()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "guardrails.yaml");
        File.WriteAllText(path, Estate + "organization: { accountId: \"999999999999\", role: Reader }\n");
        using var log = new StringWriter();

        var exit = await CollectCommand.RunAsync(path, Path.Combine(directory.Path, "out"), log, new AwsEndpoints(_ => "http://127.0.0.1:9/"),
            new AwsCallerOptions { Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIAEXAMPLE000000000", "secret") }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal(2, exit);
        Assert.Contains("organization.role: unknown setting", log.ToString(), StringComparison.Ordinal);
    }
}

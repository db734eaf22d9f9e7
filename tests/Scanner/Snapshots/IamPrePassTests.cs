using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Scanner.Pipeline;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>
/// The principal graph's read of an account (<see cref="SnapshotReader.ReadIam"/>): the authorization details alone,
/// checked as the account's own read checks them; not the credential report, and no tag dictionaries.
/// </summary>
public sealed class IamPrePassTests
{
    private const string Account = "111111111111";

    [Fact]
    public void TheGraphsReadLeavesOutTheCredentialReportTheAccountsReadAttaches()
    {
        using var snapshot = new HandMadeSnapshot();
        WriteDetails(snapshot, Account, Account);
        var iam = Path.Combine(snapshot.Root, Account, "iam");
        File.WriteAllText(Path.Combine(iam, "credential-report.csv"),
            $"user,arn,password_enabled\n<root_account>,arn:aws:iam::{Account}:root,not_supported\nalice,arn:aws:iam::{Account}:user/alice,true\n");
        var reader = Reader(snapshot);

        var graphs = reader.ReadIam(Account).Resources;
        var accounts = reader.ReadAccount(Account).Resources;

        Assert.Equal(["arn:aws:iam::111111111111:role/app", "arn:aws:iam::111111111111:user/alice"], graphs.Select(r => r.Arn).Order(StringComparer.Ordinal));
        Assert.All(graphs, r => Assert.Empty(r.SupplementaryConfiguration));
        Assert.Contains(accounts, r => r.Arn == $"arn:aws:iam::{Account}:root" && r.Type == ResourceTypeNames.Account);
        Assert.Contains(accounts, r => r.Arn.EndsWith(":user/alice", StringComparison.Ordinal) && r.SupplementaryConfiguration.ContainsKey("CredentialReport"));
    }

    [Fact]
    public void TheGraphsReadKeepsTheTagsInTheConfigurationButMakesNoDictionaryOfThem()
    {
        using var snapshot = new HandMadeSnapshot();
        WriteDetails(snapshot, Account, Account);
        var reader = Reader(snapshot);

        var role = reader.ReadIam(Account).Resources.Single(r => r.Type == "AWS::IAM::Role");
        var judged = reader.ReadAccount(Account).Resources.Single(r => r.Type == "AWS::IAM::Role");

        Assert.Empty(role.Tags);
        Assert.Equal(JsonValueKind.Array, role.Config("Tags")?.ValueKind);
        Assert.Equal("platform", judged.Tag("owner"));
    }

    [Fact]
    public void AnEntryOfAnotherAccountRefusesTheFileForTheGraphAsForTheAccount()
    {
        using var snapshot = new HandMadeSnapshot();
        WriteDetails(snapshot, Account, "333333333333");
        var reader = Reader(snapshot);

        Assert.Empty(reader.ReadIam(Account).Resources);
        Assert.Contains(reader.ReadAccount(Account).Gaps, g => g.Reason.Contains("authorization-details.json", StringComparison.Ordinal));
    }

    private static SnapshotReader Reader(HandMadeSnapshot snapshot) =>
        SnapshotReader.Open(snapshot.Root, GuardrailsConfig.Load(Path.Combine(snapshot.Root, "guardrails.yaml")).Estate);

    /// <summary>A user of the account and a tagged role whose ARN names <paramref name="roleAccount"/>.</summary>
    private static void WriteDetails(HandMadeSnapshot snapshot, string account, string roleAccount)
    {
        var folder = Directory.CreateDirectory(Path.Combine(snapshot.Root, account, "iam")).FullName;
        var user = new { UserName = "alice", UserId = "AIDAALICE", Arn = $"arn:aws:iam::{account}:user/alice", GroupList = Array.Empty<string>() };
        var role = new
        {
            RoleName = "app", RoleId = "AROAAPP", Arn = $"arn:aws:iam::{roleAccount}:role/app",
            AssumeRolePolicyDocument = new { Statement = new[] { new { Effect = "Allow", Principal = new { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" } } },
            Tags = new[] { new { Key = "owner", Value = "platform" } },
        };
        File.WriteAllText(Path.Combine(folder, "authorization-details.json"), JsonSerializer.Serialize(new
        {
            UserDetailList = new[] { user }, GroupDetailList = Array.Empty<object>(), RoleDetailList = new[] { role }, Policies = Array.Empty<object>(),
        }));
    }
}

using System.Text.Json;
using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Support;
using static Ocado.Guardrails.Tests.Support.AccessEstate;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary><c>guardrails access</c> on a hand-made estate: each answer names the statement of every policy type that decided it.</summary>
public sealed class AccessCommandTests : IDisposable
{
    private readonly AccessEstate _estate = new();

    public void Dispose() => _estate.Dispose();

    private async Task<(int Exit, string Out, string Error)> AskAsync(string? principal, string action, string resource, bool json = false, params string[] context)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AccessCommand.RunAsync(new AccessCommand.Request(_estate.Directory, null, principal, action, resource, context, json), stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task AUserMayAssumeTheRoleItsPolicyAndTheRolesTrustPolicyBothName()
    {
        var (exit, output, _) = await AskAsync(Alice, "sts:AssumeRole", Deployer);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("ALLOWED", output, StringComparison.Ordinal);
        Assert.Contains("identity-based policies: allow: allowed by statement 'AssumeDeployer'", output, StringComparison.Ordinal);
        Assert.Contains("resource-based policy: allow: allowed by statement 'TrustAlice'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNextLinkOfTheChainCrossesAccountsWithBothSidesAndTheScpNamed()
    {
        var (exit, output, _) = await AskAsync(Deployer, "sts:AssumeRole", Admin);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("cross-account", output, StringComparison.Ordinal);
        Assert.Contains("'AssumeProdAdmin'", output, StringComparison.Ordinal);
        Assert.Contains("'TrustDeployer'", output, StringComparison.Ordinal);
        Assert.Contains("SCP: allow:", output, StringComparison.Ordinal);
        Assert.Contains("FullAWSAccess", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABucketPolicyThatNamesARoleLetsItReadWithoutAnyIdentityPolicy()
    {
        var (exit, output, _) = await AskAsync(Reader, "s3:GetObject", Bucket + "/report.csv");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("resource-based policy: allow: allowed by statement 'ReaderGets'", output, StringComparison.Ordinal);
        Assert.Contains("identity-based policies: implicit deny", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnScpDenyBeatsAnAdministratorAndExitsOne()
    {
        var (exit, output, _) = await AskAsync(Admin, "s3:DeleteBucket", Bucket);

        Assert.Equal(ExitCodes.Denied, exit);
        Assert.StartsWith("DENIED", output, StringComparison.Ordinal);
        Assert.Contains("SCP: explicit deny: denied by statement 'NoBucketDeletion'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APermissionsBoundaryCapsAnS3WildcardToWhatItAllows()
    {
        var (putExit, put, _) = await AskAsync(Bounded, "s3:PutObject", Bucket + "/x");
        var (getExit, get, _) = await AskAsync(Bounded, "s3:GetObject", Bucket + "/x");

        Assert.Equal(ExitCodes.Denied, putExit);
        Assert.Contains("the permissions boundary does not allow it", put, StringComparison.Ordinal);
        Assert.Contains("permissions boundary: implicit deny", put, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, getExit);
        Assert.Contains("permissions boundary: allow: allowed by statement 'ReadOnly' of permissions boundary s3-read-only", get, StringComparison.Ordinal);
        Assert.Contains("'AllOfS3'", get, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoListsEveryPrincipalOfEveryAccountThatMayAndTheJsonParses()
    {
        var (exit, output, _) = await AskAsync(null, "s3:GetObject", Bucket + "/report.csv", json: true);

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var principals = json.RootElement.GetProperty("principals").EnumerateArray().Select(p => p.GetProperty("principal").GetString()).ToList();
        // The owner's account root may too (nothing denies it): its root user, or any principal its policies allow.
        Assert.Equal([Bounded, Reader, $"arn:aws:iam::{Dev}:root"], principals);
        var reader = json.RootElement.GetProperty("principals")[1].GetProperty("answers")[0];
        Assert.True(reader.GetProperty("allowed").GetBoolean());
        var resource = reader.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("policyType").GetString() == "resource-based policy");
        Assert.Equal("ReaderGets", resource.GetProperty("statements")[0].GetProperty("statement").GetProperty("Sid").GetString());
    }

    [Fact]
    public async Task WhoListsEveryAccountTheResourcePolicyTrustsAsItsRootWithTheDecidingStatement()
    {
        var (exit, output, _) = await AskAsync(null, "s3:GetObject", DropBucket + "/report.csv", json: true);

        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        var principals = json.RootElement.GetProperty("principals").EnumerateArray().ToDictionary(p => p.GetProperty("principal").GetString()!);
        var partner = principals[$"arn:aws:iam::{Partner}:root"];
        Assert.Equal("account", partner.GetProperty("kind").GetString());
        var resource = partner.GetProperty("answers")[0].GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("policyType").GetString() == "resource-based policy");
        Assert.Equal("PartnerGets", resource.GetProperty("statements")[0].GetProperty("statement").GetProperty("Sid").GetString());
        Assert.Equal("account", principals[$"arn:aws:iam::{Dev}:root"].GetProperty("kind").GetString());
        Assert.DoesNotContain("*", principals.Keys);
    }

    [Fact]
    public async Task WhoListsAnyoneWhenAStatementNamesStarForThatResource()
    {
        var (exit, output, _) = await AskAsync(null, "s3:GetObject", DropBucket + "/public/index.html");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("* (anyone: any account's principals and anonymous callers)", output, StringComparison.Ordinal);
        Assert.Contains("PublicGets", output, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{Partner}:root (account {Partner}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoListsAServicePrincipalWhenTheRequestMeetsItsConditionAndOtherwiseSaysItIsNamedButNotAllowed()
    {
        var (allowedExit, allowed, _) = await AskAsync(null, "s3:PutObject", DropBucket + "/logs/today.log", false, $"aws:SourceAccount={Dev}");
        var (_, withoutContext, _) = await AskAsync(null, "s3:PutObject", DropBucket + "/logs/today.log", json: true);

        Assert.Equal(ExitCodes.Ok, allowedExit);
        var end = allowed.IndexOf("named by the resource policy", StringComparison.Ordinal);
        var listed = end >= 0 ? allowed[..end] : allowed;
        Assert.Contains("logging.s3.amazonaws.com (AWS service principal)", listed, StringComparison.Ordinal);
        Assert.Contains("LogDelivery", listed, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(withoutContext);
        Assert.DoesNotContain(json.RootElement.GetProperty("principals").EnumerateArray(), p => p.GetProperty("principal").GetString() == "logging.s3.amazonaws.com");
        var named = json.RootElement.GetProperty("namedButNotAllowed").EnumerateArray().Single(p => p.GetProperty("principal").GetString() == "logging.s3.amazonaws.com");
        Assert.Equal("service", named.GetProperty("kind").GetString());
        Assert.False(named.GetProperty("answers")[0].GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task WhoListsTheServiceARoleTrustsAndTheFederatedProviderAnotherTrusts()
    {
        var (_, ec2, _) = await AskAsync(null, "sts:AssumeRole", Reader);
        var (exit, web, _) = await AskAsync(null, "sts:AssumeRoleWithWebIdentity", WebRole, true);

        Assert.Contains("ec2.amazonaws.com (AWS service principal)", ec2, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(web);
        var cognito = json.RootElement.GetProperty("principals").EnumerateArray().Single(p => p.GetProperty("principal").GetString() == "cognito-identity.amazonaws.com");
        Assert.Equal("federated", cognito.GetProperty("kind").GetString());
        var trust = cognito.GetProperty("answers")[0].GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("policyType").GetString() == "resource-based policy");
        Assert.Equal("TrustCognito", trust.GetProperty("statements")[0].GetProperty("statement").GetProperty("Sid").GetString());
    }

    [Fact]
    public async Task WhoExitsOneWhenNobodyMay()
    {
        var (exit, output, _) = await AskAsync(null, "s3:DeleteBucket", Bucket);

        Assert.Equal(ExitCodes.Denied, exit);
        Assert.StartsWith("0 principal(s) may", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWildcardActionIsAskedAsEveryRealActionItNames()
    {
        var (exit, output, _) = await AskAsync(Bounded, "s3:GetObjectT*", Bucket + "/x", json: true);

        using var json = JsonDocument.Parse(output);
        var actions = json.RootElement.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("s3:GetObjectTagging", actions);
        Assert.Contains("s3:GetObjectTorrent", actions);
        Assert.Equal(ExitCodes.Denied, exit);
    }

    [Fact]
    public async Task TheMayJsonSaysAllowedAndNamesTheDenyingStatement()
    {
        var (_, output, _) = await AskAsync(Admin, "s3:DeleteBucket", Bucket, json: true);

        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("allowed").GetBoolean());
        var scp = json.RootElement.GetProperty("answers")[0].GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("policyType").GetString() == "SCP");
        Assert.Equal("explicit deny", scp.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task ContextKeysReachTheConditions()
    {
        // aws:PrincipalArn is set by the evaluator; a key from --context wins over it, as a test of a hypothetical request.
        var (exit, _, error) = await AskAsync(Alice, "sts:AssumeRole", Deployer, false, "aws:SourceIp=10.0.0.1", "aws:TagKeys=a", "aws:TagKeys=b");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("arn:aws:iam::111111111111:user/alcie", "s3:GetObject", Bucket, "is not a user, role or account root of the snapshot; nearest: arn:aws:iam::111111111111:user/alice")]
    [InlineData(Alice, "s3:GetObjekt", Bucket, "names no action of AWS's service reference (a likely mistake); closest: s3:GetObject")]
    [InlineData(Alice, "s3:GetObject", "arn:aws:s3:::shared-dta", "is not in the snapshot; nearest: arn:aws:s3:::shared-data")]
    public async Task AnUnknownNameExitsTwoAndNamesWhatExistsNearby(string principal, string action, string resource, string says)
    {
        var (exit, output, error) = await AskAsync(principal, action, resource);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal("", output);
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AContextWithoutAnEqualsSignExitsTwo()
    {
        var (exit, _, error) = await AskAsync(Alice, "sts:AssumeRole", Deployer, false, "aws:SourceIp");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("is not key=value", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("access may --snapshot x --action s3:GetObject --resource *", "--principal")]
    [InlineData("access who --snapshot x --action s3:GetObject --resource * --format yaml", "'yaml' not recognized")]
    public async Task AMistakeInTheWordsExitsTwo(string line, string says)
    {
        using var error = new StringWriter();

        var exit = await GuardrailsCommand.RunAsync(line.Split(' '), error);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(says, error.ToString(), StringComparison.Ordinal);
    }
}

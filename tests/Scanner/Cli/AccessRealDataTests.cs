using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary>
/// <c>guardrails access</c> on iam-vulnerable's account as cloudsplaining dumped it (tests/data/real/iam-authz-details),
/// for answers iam-vulnerable's README states.
/// </summary>
public sealed class AccessRealDataTests : IDisposable
{
    private const string Account = "200611803367";
    private readonly TemporaryDirectory _snapshot = new();

    public AccessRealDataTests()
    {
        var iam = Directory.CreateDirectory(Path.Combine(_snapshot.Path, Account, "iam")).FullName;
        File.Copy(Fixtures.Real("iam-authz-details", "cloudsplaining-iam-vulnerable-authz-details.json"), Path.Combine(iam, "authorization-details.json"));
    }

    public void Dispose() => _snapshot.Dispose();

    private async Task<(int Exit, string Out)> AskAsync(string? user, string action, string resource)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var principal = user is null ? null : $"arn:aws:iam::{Account}:user/{user}";
        var exit = await AccessCommand.RunAsync(new AccessCommand.Request(_snapshot.Path, null, principal, action, resource, [], false), stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString() + stderr);
    }

    [Fact]
    public async Task ThePrivesc4UserMayCreateAnAccessKeyForAnotherUser()
    {
        var (exit, output) = await AskAsync("privesc4-CreateAccessKey-user", "iam:CreateAccessKey", $"arn:aws:iam::{Account}:user/privesc-sre-user");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("managed policy privesc4-CreateAccessKey", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFp3UserIsExplicitlyDeniedEveryIamAction()
    {
        var (exit, output) = await AskAsync("fp3-deny-iam-user", "iam:CreateAccessKey", "*");

        Assert.Equal(ExitCodes.Denied, exit);
        Assert.Contains("explicit deny: denied by statement #1 of managed policy fp3-deny-iam", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFp1UserWhosePolicyAllowsAndDeniesTheSameActionIsDenied()
    {
        var (exit, output) = await AskAsync("fp1-allow-and-deny-user", "iam:CreatePolicyVersion", $"arn:aws:iam::{Account}:policy/fp1-allow-and-deny");

        Assert.Equal(ExitCodes.Denied, exit);
        Assert.Contains("explicitly denied", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoMayCreateAnAccessKeyListsThePrivesc4UserAndNotTheDeniedOne()
    {
        var (exit, output) = await AskAsync(null, "iam:CreateAccessKey", $"arn:aws:iam::{Account}:user/privesc-sre-user");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"arn:aws:iam::{Account}:user/privesc4-CreateAccessKey-user{Environment.NewLine}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fp3-deny-iam-user", output, StringComparison.Ordinal);
    }
}

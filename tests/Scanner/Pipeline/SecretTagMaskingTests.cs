using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// A secret in a tag is found and reported, but never copied: findings.json, the estate's and the customer's
/// reports and the findings store hold the tag's name and a mask, not its value.
/// </summary>
public sealed class SecretTagMaskingTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Password = "correct-horse-battery-staple";
    private const string GitHubToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    [Fact]
    public void SecretLookingTagValuesReachNoOutputAndNoStoreWhileTheFindingNamesTheTag()
    {
        using var estate = new TinyEstate().Compliant("plain").Bucket("leaky", new()
        {
            ["owner"] = "team@acme.example", ["customer"] = "acme", ["environment"] = "production", ["cost-centre"] = "CC-1234",
            ["deploy-key"] = AccessKey, ["db-password"] = Password, ["ci"] = GitHubToken,
        }).Write();
        var output = Path.Combine(estate.Directory, "out");
        var store = Path.Combine(estate.Directory, "history.db");

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", estate.Directory, "--out", output, "--store", store, "--quiet");

        Assert.True(scan.ExitCode == 0, scan.Output + scan.Error);
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Append(store).ToList();
        Assert.Contains(written, f => f.EndsWith(Path.Combine("customers", "acme", "report.html"), StringComparison.Ordinal));
        foreach (var file in written)
        {
            var bytes = File.ReadAllText(file);
            Assert.DoesNotContain(AccessKey, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(GitHubToken, bytes, StringComparison.Ordinal);
        }
        var findings = File.ReadAllText(Path.Combine(output, "findings.json"));
        Assert.Contains("tagging-no-secrets-in-tags", findings, StringComparison.Ordinal);
        Assert.Contains("deploy-key", findings, StringComparison.Ordinal);
        Assert.Contains("masked: 20 characters that look like a secret", findings, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKey, scan.Output + scan.Error, StringComparison.Ordinal);
    }
}

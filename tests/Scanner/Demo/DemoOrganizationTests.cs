using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

/// <summary>
/// The demo estate sits in an organisation whose SCP denies critical IAM user actions on one account: its
/// key-minter user's escalation (iam:CreateAccessKey on any user) is judged away while the organisation is read,
/// and reported again, saying why, when the organisation could not be read.
/// </summary>
public sealed class DemoOrganizationTests
{
    private static async Task<Finding> KeyMinterAsync(string directory, string customer, string arn)
    {
        var configPath = Path.Combine(directory, SnapshotLayout.EstateFile);
        var options = new ScanOptions { SnapshotDirectory = directory, ConfigPath = configPath, OutputDirectory = directory, RulePaths = [], IncludePasses = true, Customer = customer };
        var pipeline = new ScanPipeline(GuardrailsConfig.Load(configPath), Support.Catalog.Rules, TimeProvider.System, ScanProgress.Silent);
        var evaluated = await pipeline.EvaluateAsync(options, TestContext.Current.CancellationToken);
        return Assert.Single(evaluated.Result.Findings, f => f.RuleId == "iam-principal-no-privilege-escalation" && f.ResourceArn == arn);
    }

    [Fact]
    public async Task TheDemosScpTakesAwayAnEscalationThatReappearsWhenTheOrganizationCannotBeRead()
    {
        var (directory, manifest) = DemoBuilder.Generate();
        try
        {
            var layout = DemoLayout.Create(manifest.Seed);
            var account = layout.ScpAccount;
            var arn = $"arn:aws:iam::{account.Id}:user/key-minter";
            Assert.DoesNotContain(manifest.Violations, v => v.ResourceArn == arn && v.RuleId == "iam-principal-no-privilege-escalation");

            var read = await KeyMinterAsync(directory, account.CustomerId!, arn);

            Assert.Equal(Verdict.Pass, read.Verdict);
            Assert.Contains($"within the SCPs of organisation {layout.OrganizationId}", read.Message, StringComparison.Ordinal);
            Assert.Contains(DemoOrganization.ScpName, read.Message, StringComparison.Ordinal);

            // As collect records an organisation it could not read: the files of a partial read stay, the gap decides.
            CollectionFile.Write(directory, new CollectionSummary(DemoLayout.CollectedAt, [.. layout.Collected.Select(a => a.Id)], DemoLayout.Regions,
                [layout.PlantedGap(), new CoverageGap(DemoLayout.ManagementAccountId, null, CoverageGap.Sources.Organizations, "access denied: organizations:ListRoots: AccessDeniedException: You don't have permissions to access this resource.")]));

            var unread = await KeyMinterAsync(directory, account.CustomerId!, arn);

            Assert.Equal(Verdict.Fail, unread.Verdict);
            Assert.Contains("iam:CreateAccessKey", unread.Message, StringComparison.Ordinal);
            Assert.Contains("judged without SCPs/RCPs, the organisation could not be read (from account 000011112222: access denied", unread.Message, StringComparison.Ordinal);
        }
        finally
        {
            DemoBuilder.Delete(directory);
        }
    }
}

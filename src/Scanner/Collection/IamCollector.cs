using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// IAM, once per account: <c>iam/authorization-details.json</c> and the decoded
/// <c>iam/credential-report.csv</c>. The report is generated on request: GenerateCredentialReport is
/// asked again until it says COMPLETE, within a bounded time.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
/// </summary>
internal static class IamCollector
{
    public static async Task<System.Text.Json.JsonElement> CollectAuthorizationDetailsAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken)
    {
        var details = await run.Clients.Iam.GetAccountAuthorizationDetailsAsync(context, cancellationToken);
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.AuthorizationDetails(run.AccountDirectory(context.AccountId)), details, cancellationToken);
        return details;
    }

    public static async Task CollectCredentialReportAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken)
    {
        var deadline = run.Time.GetUtcNow() + run.Settings.CredentialReportTimeout;
        while (await run.Clients.Iam.GenerateCredentialReportAsync(context, cancellationToken) != "COMPLETE")
        {
            if (run.Time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"IAM did not finish the credential report within {run.Settings.CredentialReportTimeout.TotalSeconds:0} s");
            }
            await Task.Delay(run.CredentialReportPollInterval, run.Time, cancellationToken);
        }
        var report = await run.Clients.Iam.GetCredentialReportAsync(context, cancellationToken);
        await SnapshotWriter.WriteBytesAsync(SnapshotLayout.CredentialReport(run.AccountDirectory(context.AccountId)), report, cancellationToken);
    }
}

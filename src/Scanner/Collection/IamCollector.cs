using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// IAM, once per account: <c>iam/authorization-details.json</c> and the decoded
/// <c>iam/credential-report.csv</c>. The report is generated on request: GenerateCredentialReport starts it and
/// GetCredentialReport is asked until it is ready, within a bounded time.
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
        // GenerateCredentialReport starts the report (STARTED), or says COMPLETE when one from the last four hours is
        // there; GetCredentialReport answers ReportInProgress (404) while IAM generates it. So the report is polled
        // with GetCredentialReport itself: the call that finds it ready returns it, one call fewer than asking
        // GenerateCredentialReport until COMPLETE and then GetCredentialReport. A report not there (or expired) is
        // asked for again. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetCredentialReport.html
        var deadline = run.Time.GetUtcNow() + run.Settings.CredentialReportTimeout;
        var ready = await run.Clients.Iam.GenerateCredentialReportAsync(context, cancellationToken) == "COMPLETE";
        while (true)
        {
            if (!ready)
            {
                await PauseAsync(run, deadline, cancellationToken);
            }
            try
            {
                var report = await run.Clients.Iam.GetCredentialReportAsync(context, cancellationToken);
                await SnapshotWriter.WriteBytesAsync(SnapshotLayout.CredentialReport(run.AccountDirectory(context.AccountId)), report, cancellationToken);
                return;
            }
            catch (AwsServiceException error) when (error.Code == "ReportInProgress")
            {
                ready = false;
            }
            catch (AwsServiceException error) when (error.Code is "ReportNotPresent" or "ReportExpired")
            {
                await PauseAsync(run, deadline, cancellationToken);
                ready = await run.Clients.Iam.GenerateCredentialReportAsync(context, cancellationToken) == "COMPLETE";
            }
        }
    }

    private static async Task PauseAsync(CollectionRun run, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (run.Time.GetUtcNow() >= deadline)
        {
            throw new TimeoutException($"IAM did not finish the credential report within {run.Settings.CredentialReportTimeout.TotalSeconds:0} s");
        }
        await Task.Delay(run.CredentialReportPollInterval, run.Time, cancellationToken);
    }
}

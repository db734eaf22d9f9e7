using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// IAM's service-last-accessed data, when guardrails.yaml enables it: one job per user and role of the account
/// (GenerateServiceLastAccessedDetails), polled until COMPLETED within a bounded time, its answer written to
/// <c>iam/service-last-accessed/KIND/NAME.json</c>. A job that fails or runs out of time is a gap naming the
/// principal; the others are still collected.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateServiceLastAccessedDetails.html
/// </summary>
internal static class ServiceLastAccessCollector
{
    /// <summary>Jobs of one account in flight at once: the job rate bounds them anyway; this bounds the polling.</summary>
    private const int JobsInFlight = 4;

    /// <summary>The job limiter's service key: apart from IAM's own reads, so the jobs never starve them.</summary>
    public const string JobRateKey = "iam-service-last-accessed-jobs";

    public static async Task CollectAsync(CollectionRun run, AwsContext context, JsonElement details, CancellationToken cancellationToken)
    {
        var principals = Principals(details).ToList();
        await Parallel.ForEachAsync(principals, new ParallelOptions { MaxDegreeOfParallelism = JobsInFlight, CancellationToken = cancellationToken },
            async (principal, token) => await run.Gaps.GuardAsync(context.AccountId, null, CoverageGap.Sources.ServiceLastAccessed,
                () => OneAsync(run, context, principal, token), token));
    }

    private static async Task OneAsync(CollectionRun run, AwsContext context, (string Kind, string Name, string Arn) principal, CancellationToken cancellationToken)
    {
        var settings = run.Settings.ServiceLastAccessed;
        var label = $"{principal.Kind}/{principal.Name}";
        try
        {
            var path = SnapshotLayout.ServiceLastAccessed(run.AccountDirectory(context.AccountId), principal.Kind, principal.Name)
                       ?? throw new InvalidDataException("not an IAM name: no file can hold its data");
            // A job's start, not a request: counted as started once the limiter lets it.
            (await run.JobLimiters!.WaitAsync(context.AccountId, context.Region, JobRateKey, cancellationToken)).Dispose();
            var jobId = await run.Clients.Iam.GenerateServiceLastAccessedDetailsAsync(context, principal.Arn, cancellationToken);
            var deadline = run.Time.GetUtcNow() + settings.JobTimeout;
            while (true)
            {
                var answer = await run.Clients.Iam.GetServiceLastAccessedDetailsAsync(context, jobId, cancellationToken);
                var status = JsonPath.Find(answer, "JobStatus")?.ToString();
                if (status == "COMPLETED")
                {
                    await SnapshotWriter.WriteJsonAsync(path, answer, cancellationToken);
                    return;
                }
                if (status != "IN_PROGRESS")
                {
                    var error = JsonPath.Find(answer, "Error") is { ValueKind: JsonValueKind.Object } e ? $": {JsonPath.Find(e, "Code")}: {JsonPath.Find(e, "Message")}" : "";
                    throw new InvalidDataException($"IAM's job ended {status ?? "without a status"}{error}");
                }
                if (run.Time.GetUtcNow() >= deadline)
                {
                    throw new TimeoutException($"IAM's job did not complete within {settings.JobTimeout.TotalSeconds:0} s");
                }
                await Task.Delay(settings.PollInterval, run.Time, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or AuthenticationFailedException)
                                   && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // The gap names the principal: its rules are NotAssessed, the account's other principals are not.
            throw new ServiceLastAccessException($"{label}: {CollectionGaps.Reason(ex)}", ex);
        }
    }

    /// <summary>Users and roles of the authorization details just collected (the CLI's shape).</summary>
    private static IEnumerable<(string Kind, string Name, string Arn)> Principals(JsonElement details)
    {
        foreach (var (list, kind, nameKey) in new[] { ("RoleDetailList", "role", "RoleName"), ("UserDetailList", "user", "UserName") })
        {
            if (JsonPath.Find(details, list) is not { ValueKind: JsonValueKind.Array } entries)
            {
                continue;
            }
            foreach (var entry in entries.EnumerateArray())
            {
                if (JsonPath.Find(entry, nameKey)?.ToString() is { } name && JsonPath.Find(entry, "Arn")?.ToString() is { } arn)
                {
                    yield return (kind, name, arn);
                }
            }
        }
    }
}

using System.Collections.Concurrent;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// What could not be collected, with the reason in words an operator can act on. Catching happens
/// here, per (account, region, source): one failure never stops the rest of the estate.
/// </summary>
internal sealed class CollectionGaps(SecretRegistry secrets, CollectionProgress progress)
{
    private readonly ConcurrentQueue<CoverageGap> _gaps = new();

    public IReadOnlyList<CoverageGap> All =>
        _gaps.OrderBy(g => g.AccountId, StringComparer.Ordinal).ThenBy(g => g.Region ?? "", StringComparer.Ordinal).ThenBy(g => g.Source, StringComparer.Ordinal).ToList();

    public int Count => _gaps.Count;

    public void Add(string accountId, string? region, string source, string reason)
    {
        var gap = new CoverageGap(accountId, region, source, secrets.Redact(reason));
        _gaps.Enqueue(gap);
        progress.Gap(gap);
    }

    /// <summary>Runs one unit of collection; its failure becomes a gap. Cancellation is not a failure and propagates.</summary>
    public async Task GuardAsync(string accountId, string? region, string source, Func<Task> collect, CancellationToken cancellationToken)
    {
        try
        {
            await collect();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (ex is OutOfMemoryException or AuthenticationFailedException)
            {
                throw;
            }
            Add(accountId, region, source, Reason(ex));
        }
    }

    public static string Reason(Exception ex) => ex switch
    {
        AwsServiceException { Code: "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" } aws when aws.Operation == "AssumeRole" =>
            $"the audit role could not be assumed: {aws.Code}: {aws.AwsMessage}",
        AwsServiceException { Code: "AWSOrganizationsNotInUseException" } aws =>
            $"the account is not in an organisation: {aws.Service}:{aws.Operation}: {aws.Code}: {aws.AwsMessage}",
        AwsServiceException aws when AwsErrorCodes.IsAccessDenied(aws.Code) =>
            $"access denied: {aws.Service}:{aws.Operation}: {aws.Code}: {aws.AwsMessage}",
        AwsServiceException aws when AwsErrorCodes.IsRegionNotEnabled(aws.Code) =>
            $"region not enabled for this account (its credentials are refused there): {aws.Service}:{aws.Operation}: {aws.Code}: {aws.AwsMessage}",
        AwsServiceException { IsThrottling: true } aws =>
            $"still throttled after every retry: {aws.Service}:{aws.Operation}: {aws.Code}: {aws.AwsMessage}",
        AwsServiceException aws => $"{aws.Service}:{aws.Operation}: {aws.Code}: {aws.AwsMessage}",
        ServiceLastAccessException => ex.Message,
        TimeoutException or HttpRequestException => $"network: {ex.Message}",
        IOException => $"could not write the snapshot: {ex.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}

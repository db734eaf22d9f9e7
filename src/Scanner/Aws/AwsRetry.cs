using Polly;
using Polly.Retry;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The one retry policy of every AWS call: exponential backoff with jitter on throttling, 5xx and
/// network errors, as AWS asks of its callers; nothing else is retried (access denied stays denied).
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
/// </summary>
internal static class AwsRetry
{
    public static ResiliencePipeline Create(AwsRetryOptions options, AwsCallStatistics statistics, TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    AwsServiceException aws => aws.IsRetryable,
                    HttpRequestException or TimeoutException => true,
                    _ => false,
                }),
                OnRetry = _ =>
                {
                    statistics.Retried();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}

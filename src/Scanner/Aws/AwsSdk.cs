using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// What the clients on AWS's own SDK packages (<see cref="Ec2NetworkClient"/>, <see cref="DynamoDbClient"/>) share: the
/// SDK's errors read as ours, and our one HttpClient handed to the SDK.
/// </summary>
internal static class AwsSdk
{
    /// <summary>The SDK's errors as ours, so that our retry policy and gaps read them as every other service's.</summary>
    public static async Task<T> Mapped<T>(AwsService service, AwsContext context, string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException ex) when (string.IsNullOrEmpty(ex.ErrorCode) && ex.InnerException is HttpRequestException or IOException)
        {
            throw new HttpRequestException($"{service.SigningName}:{operation}: {CredentialRedaction.Redact(ex.InnerException.Message, context.Credentials)}", ex.InnerException);
        }
        catch (AmazonServiceException ex)
        {
            var code = string.IsNullOrEmpty(ex.ErrorCode) ? $"HTTP {(int)ex.StatusCode}" : AwsErrorCodes.Normalise(ex.ErrorCode);
            throw new AwsServiceException(service.SigningName, operation, code, CredentialRedaction.Redact(ex.Message, context.Credentials), ex.StatusCode);
        }
        catch (AmazonClientException ex)
        {
            throw new InvalidDataException($"{service.SigningName}:{operation}: the answer could not be read: {CredentialRedaction.Redact(ex.Message, context.Credentials)}", ex);
        }
    }

    /// <summary>Gives the SDK the HttpClient every other request uses; it is ours to dispose, not the SDK's.</summary>
    /// <summary>
    /// An official client's settings for one account and region: the SDK's retries off (ours is the only retry layer), our
    /// HTTP client, and our endpoint (AWS_ENDPOINT_URL and the like are read by AwsEndpoints, as for every service: the
    /// SDK must not read them again).
    /// </summary>
    public static T Configured<T>(T config, AwsRequestSender sender, AwsService service, AwsContext context) where T : ClientConfig
    {
        config.MaxErrorRetry = 0;
        config.HttpClientFactory = new SharedHttpClient(sender.Http);
        config.IgnoreConfiguredEndpointUrls = true;
        if (sender.Endpoints.Override(service) is { } custom)
        {
            config.ServiceURL = custom.ToString();
            config.AuthenticationRegion = context.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(context.Region);
        }
        return config;
    }

    public sealed class SharedHttpClient(HttpClient http) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => http;
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}

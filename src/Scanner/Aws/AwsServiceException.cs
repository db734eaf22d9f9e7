using System.Net;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>An error answer from an AWS API, with its code as AWS spells it (<c>ThrottlingException</c>, <c>AccessDenied</c>).</summary>
internal sealed class AwsServiceException(string service, string operation, string code, string message, HttpStatusCode status)
    : Exception($"{service}:{operation}: {code}: {message}")
{
    public string Service { get; } = service;
    public string Operation { get; } = operation;
    public string Code { get; } = code;
    public string AwsMessage { get; } = message;
    public HttpStatusCode Status { get; } = status;

    public bool IsThrottling => AwsErrorCodes.IsThrottling(Code, Status);
    public bool IsRetryable => IsThrottling || (int)Status >= 500;
}

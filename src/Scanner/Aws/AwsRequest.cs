namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>One call of one operation, ready to sign: the body and the headers that say what it is.</summary>
/// <param name="Path">The request URI's path: <c>/</c> for JSON 1.1 and Query; the operation's own for REST-JSON (<c>/getresourceshares</c>).</param>
internal sealed record AwsRequest(AwsService Service, string Operation, byte[] Body, string ContentType, string Path = "/")
{
    /// <summary>JSON 1.1 services name the operation in <c>X-Amz-Target</c>; Query services in the body's <c>Action</c>.</summary>
    public string? Target => Service.TargetPrefix is { } prefix ? $"{prefix}.{Operation}" : null;
}

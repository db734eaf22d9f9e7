namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>A verified signature's key, region and service; or the error code and message AWS would answer.</summary>
internal sealed record SigV4Result(IssuedKey? Key, string Region, string Service, string? ErrorCode, string? ErrorMessage)
{
    public bool Valid => ErrorCode is null;

    public static SigV4Result Ok(IssuedKey key, string region, string service) => new(key, region, service, null, null);

    public static SigV4Result Fail(string code, string message) => new(null, "", "", code, message);
}

using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Who calls AWS, and from which home region: the <c>--profile</c> and <c>--region</c> of the verbs that reach AWS,
/// or credentials given outright. <see cref="AwsCallerResolver"/> turns them into an <see cref="AwsCaller"/>.
/// </summary>
internal sealed record AwsCallerOptions
{
    /// <summary>The named profile of the shared config and credentials files; null: AWS_PROFILE, else the SDK's default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>The home region; null: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else the estate's first region.</summary>
    public string? Region { get; init; }

    /// <summary>Credentials to use as they are (a test's, or a host's own), with <see cref="Region"/> only; null resolves both as the AWS CLI does.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Nothing named: the environment and the SDK's default chain decide.</summary>
    public static AwsCallerOptions Default { get; } = new();

    /// <summary>True when the command line named a profile or a region: they mean nothing to a run that reads no live AWS.</summary>
    public bool Named => Profile is not null || Region is not null;
}

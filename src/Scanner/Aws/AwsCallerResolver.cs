using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Chooses the caller's credentials and home region as the AWS CLI does
/// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html#cli-configure-files-precedence):
/// <list type="bullet">
/// <item>credentials: <c>--profile</c>'s own (whatever the environment holds); else the SDK's default chain, which
/// takes the environment's keys, then the profile AWS_PROFILE names, then the default profile, SSO, container and
/// instance roles (https://docs.aws.amazon.com/sdk-for-net/latest/developer-guide/creds-assign.html);</item>
/// <item>region: <c>--region</c>, AWS_REGION, AWS_DEFAULT_REGION, the profile's <c>region</c> (the default profile's
/// when none is named); else null, and the estate's first region is used.</item>
/// </list>
/// A profile that is named (by <c>--profile</c> or AWS_PROFILE) but is not in the shared files is an error, as it is
/// for the CLI, even when other credentials could be found: a collection under another identity than the one asked
/// for is worse than none.
/// </summary>
internal static partial class AwsCallerResolver
{
    /// <exception cref="AwsProfileException">The profile named is unknown or holds no credentials, or the region is not a region's name.</exception>
    /// <exception cref="AmazonClientException">No profile was named and the SDK's default chain found no credentials.</exception>
    public static AwsCaller Resolve(AwsCallerOptions options, Func<string, string?> environment)
    {
        if (options.Credentials is { } given)
        {
            // A host's own credentials: neither the environment nor the shared files have a say.
            return new AwsCaller(given, Region(options.Region, "--region"));
        }
        var store = new CredentialProfileStoreChain();
        var named = options.Profile ?? NonEmpty(environment("AWS_PROFILE"));
        CredentialProfile? profile = null;
        if (named is not null && !store.TryGetProfile(named, out profile))
        {
            var known = store.ListProfiles().Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            throw new AwsProfileException($"no AWS profile '{named}'{(options.Profile is null ? " (AWS_PROFILE)" : "")} in {Files()}; " +
                                          (known.Count == 0 ? "they hold no profiles" : $"profiles there: {string.Join(", ", known)}"));
        }
        var region = Region(options.Region, "--region")
                     ?? Region(NonEmpty(environment("AWS_REGION")), "AWS_REGION")
                     ?? Region(NonEmpty(environment("AWS_DEFAULT_REGION")), "AWS_DEFAULT_REGION")
                     ?? (profile ?? DefaultProfile(store))?.Region?.SystemName;
        if (options.Profile is null)
        {
            // AWS_PROFILE (checked above) or none: the default chain reads the environment's keys before that profile, as the CLI does.
            return new AwsCaller(DefaultAWSCredentialsIdentityResolver.GetCredentials(null), region);
        }
        return store.TryGetAWSCredentials(options.Profile, out var credentials)
            ? new AwsCaller(credentials, region)
            : throw new AwsProfileException($"AWS profile '{options.Profile}' in {Files()} holds no credentials the SDK can use " +
                                            "(aws_access_key_id and aws_secret_access_key, role_arn with source_profile, sso_session or credential_process)");
    }

    /// <summary>The shared files looked in, as the SDK found them (AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move them).</summary>
    private static string Files()
    {
        var files = new SharedCredentialsFile();
        return $"{files.FilePath} or {files.ConfigFilePath}";
    }

    private static CredentialProfile? DefaultProfile(CredentialProfileStoreChain store) =>
        store.TryGetProfile("default", out var profile) ? profile : null;

    /// <summary>Shaped as AWS names regions (eu-west-1, us-gov-west-1, cn-north-1): a typo is refused, not sent to a host that does not exist.</summary>
    public static bool IsRegionName(string name) => RegionName().IsMatch(name);

    private static string? Region(string? name, string from) =>
        name is null || IsRegionName(name)
            ? name
            : throw new AwsProfileException($"{from} '{name}' is not the name of an AWS region (such as eu-west-1)");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();
}

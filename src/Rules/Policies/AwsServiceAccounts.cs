namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Accounts that AWS owns and documents as a service's own principal, so a grant to one is a grant to that
/// AWS service, not to another customer: CloudFront's origin access identities (the special "cloudfront"
/// account), and the Elastic Load Balancing account of each Region opened before August 2022, which a bucket
/// policy names to let load balancers deliver their access logs (newer Regions use the service principal
/// logdelivery.elasticloadbalancing.amazonaws.com instead).
/// See https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#attach-bucket-policy
/// and https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-access-logs.html#attach-bucket-policy
/// </summary>
internal static class AwsServiceAccounts
{
    private static readonly HashSet<string> Accounts = new(StringComparer.Ordinal)
    {
        "cloudfront",
        // Elastic Load Balancing log delivery, by Region.
        "127311923021", // us-east-1
        "033677994240", // us-east-2
        "027434742980", // us-west-1
        "797873946194", // us-west-2
        "098369216593", // af-south-1
        "754344448648", // ap-east-1
        "589379963580", // ap-southeast-3
        "718504428378", // ap-south-1
        "383597477331", // ap-northeast-3
        "600734575887", // ap-northeast-2
        "114774131450", // ap-southeast-1
        "783225319266", // ap-southeast-2
        "582318560864", // ap-northeast-1
        "985666609251", // ca-central-1
        "054676820928", // eu-central-1
        "156460612806", // eu-west-1
        "652711504416", // eu-west-2
        "635631232127", // eu-south-1
        "009996457667", // eu-west-3
        "897822967062", // eu-north-1
        "076674570225", // me-south-1
        "507241528517", // sa-east-1
        "048591011584", // us-gov-west-1
        "190560391635", // us-gov-east-1
        "638102146993", // cn-north-1
        "037604701340", // cn-northwest-1
    };

    /// <summary>Whether the account is one of AWS's own service accounts.</summary>
    public static bool Contains(string account) => Accounts.Contains(account);
}

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>What kind of principal makes a request.</summary>
public enum RequestPrincipalKind
{
    /// <summary>An IAM user (its own long-term or session credentials).</summary>
    User,
    /// <summary>A session of an IAM role (the request carries the role's ARN in aws:PrincipalArn and the session's ARN).</summary>
    Role,
    /// <summary>The account's root user.</summary>
    Root,
    /// <summary>An AWS service principal (<c>cloudtrail.amazonaws.com</c>).</summary>
    Service,
    /// <summary>No credentials at all.</summary>
    Anonymous,
    /// <summary>A web identity or SAML provider (<c>cognito-identity.amazonaws.com</c>, a provider's ARN) a trust policy names as Federated.</summary>
    Federated,
}

/// <summary>
/// Who makes a request. <see cref="Arn"/> is what aws:PrincipalArn holds (the role's ARN for a role
/// session); <see cref="SessionArn"/> is the assumed-role ARN a resource policy may name instead.
/// A service-linked role is outside SCPs and RCPs.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
/// </summary>
public sealed record RequestPrincipal(RequestPrincipalKind Kind, string Arn, string AccountId)
{
    public string? SessionArn { get; init; }

    /// <summary>
    /// Whether a permissions boundary is set: then a Deny with NotPrincipal denies it whatever NotPrincipal names.
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
    /// </summary>
    public bool HasPermissionsBoundary { get; init; }

    /// <summary>A role under <c>/aws-service-role/</c>, which AWS services assume and no SCP or RCP restricts.</summary>
    public bool IsServiceLinked => Kind == RequestPrincipalKind.Role && Arn.Contains(":role/aws-service-role/", StringComparison.Ordinal);

    public static RequestPrincipal User(string arn) => new(RequestPrincipalKind.User, arn, AccountOf(arn));

    /// <summary>A session of the role; the session ARN is <c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>.</summary>
    public static RequestPrincipal RoleSession(string roleArn, string session = "session") => new(RequestPrincipalKind.Role, roleArn, AccountOf(roleArn))
    {
        SessionArn = $"arn:{Segment(roleArn, 1)}:sts::{AccountOf(roleArn)}:assumed-role/{roleArn[(roleArn.LastIndexOf('/') + 1)..]}/{session}",
    };

    public static RequestPrincipal Service(string name) => new(RequestPrincipalKind.Service, name, "");

    /// <summary>The request context keys IAM sets for this principal.</summary>
    public RequestContext Describe(RequestContext request)
    {
        if (Kind is RequestPrincipalKind.Anonymous or RequestPrincipalKind.Federated)
        {
            return request;
        }
        if (Kind is RequestPrincipalKind.Service)
        {
            return request.With("aws:PrincipalServiceName", Arn).With("aws:PrincipalIsAWSService", "true");
        }
        request.With("aws:PrincipalArn", Arn).With("aws:PrincipalAccount", AccountId).With("aws:PrincipalIsAWSService", "false")
            .With("aws:PrincipalType", Kind switch { RequestPrincipalKind.User => "User", RequestPrincipalKind.Root => "Account", _ => "AssumedRole" });
        if (Kind == RequestPrincipalKind.User)
        {
            request.With("aws:username", Arn[(Arn.LastIndexOf('/') + 1)..]);
        }
        return request;
    }

    private static string AccountOf(string arn) => Segment(arn, 4);

    /// <summary>The ARN's segment (of six or more), else empty: cut out alone, not with a string of every segment (asked for each question).</summary>
    private static string Segment(string arn, int index)
    {
        Span<Range> parts = stackalloc Range[7];
        var text = arn.AsSpan();
        return text.Split(parts, ':') > 5 ? text[parts[index]].ToString() : "";
    }
}

using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>
/// One request sent across a customer's perimeter to see whether the organisation's SCPs or RCPs stop it: a
/// principal of one account acting on a resource of another, with the request context IAM would give it
/// (the principal's and the resource's account, organisation, OU path and <c>customer</c> tag). The data
/// actions probed are those AWS's data-perimeter examples fence (S3, SQS, KMS, Secrets Manager, STS).
/// See https://github.com/aws-samples/data-perimeter-policy-examples
/// </summary>
/// <param name="PrincipalAccount">The caller's account ("" for a service principal).</param>
/// <param name="ResourceAccount">The account that owns the resource.</param>
/// <param name="Action">A data action, <c>s3:GetObject</c>.</param>
/// <param name="Service">A service principal's name when the caller is one (it acts for <paramref name="ResourceAccount"/>).</param>
internal sealed record PerimeterProbe(string PrincipalAccount, string ResourceAccount, string Action, string? Service = null)
{
    /// <summary>The tag key the probes carry the customer's id in, on the principal and on the resource (AWS's ABAC pattern).</summary>
    public const string CustomerTagKey = "customer";

    /// <summary>Data actions of the services RCPs cover, one or two per service, as AWS's examples fence them.</summary>
    public static readonly IReadOnlyList<string> DataActions =
        ["s3:GetObject", "s3:PutObject", "sqs:SendMessage", "kms:Decrypt", "secretsmanager:GetSecretValue", "sts:AssumeRole"];

    /// <summary>The service principal whose access the resource perimeter must keep (AWS's documented exception): CloudTrail writing the account's logs.</summary>
    public const string ServicePrincipal = "cloudtrail.amazonaws.com";

    public RequestPrincipal Principal => Service is { } service
        ? RequestPrincipal.Service(service)
        : RequestPrincipal.RoleSession($"arn:aws:iam::{PrincipalAccount}:role/guardrails-perimeter-probe");

    /// <summary>The resource's ARN for the action, in the resource's account.</summary>
    public string ResourceArn => Action.Split(':')[0] switch
    {
        "s3" => $"arn:aws:s3:::guardrails-probe-{ResourceAccount}/object",
        "sqs" => $"arn:aws:sqs:eu-west-1:{ResourceAccount}:guardrails-probe",
        "kms" => $"arn:aws:kms:eu-west-1:{ResourceAccount}:key/00000000-0000-0000-0000-000000000000",
        "secretsmanager" => $"arn:aws:secretsmanager:eu-west-1:{ResourceAccount}:secret:guardrails-probe-AbCdEf",
        _ => $"arn:aws:iam::{ResourceAccount}:role/guardrails-probe",
    };

    /// <summary>The request as IAM sees it: the principal's keys, then the organisation's and the customer tags of both sides.</summary>
    public RequestContext Context(Organization organization, Estate estate)
    {
        var request = Principal.Describe(new RequestContext(Action, ResourceArn)).With("aws:ResourceAccount", ResourceAccount);
        if (Service is not null)
        {
            request.With("aws:SourceAccount", ResourceAccount);
            if (organization.IsMember(ResourceAccount))
            {
                request.With("aws:SourceOrgID", organization.Id).WithValues("aws:SourceOrgPaths", organization.OrgPathOf(ResourceAccount)!);
            }
        }
        else
        {
            if (organization.IsMember(PrincipalAccount))
            {
                request.With("aws:PrincipalOrgID", organization.Id).WithValues("aws:PrincipalOrgPaths", organization.OrgPathOf(PrincipalAccount)!);
            }
            request.With($"aws:PrincipalTag/{CustomerTagKey}", estate.CustomerOf(PrincipalAccount)?.Id);
        }
        if (organization.IsMember(ResourceAccount))
        {
            request.With("aws:ResourceOrgID", organization.Id).WithValues("aws:ResourceOrgPaths", organization.OrgPathOf(ResourceAccount)!);
        }
        return request.With($"aws:ResourceTag/{CustomerTagKey}", estate.CustomerOf(ResourceAccount)?.Id);
    }

    /// <summary>What the SCPs over the principal's account or the RCPs over the resource's account say about it.</summary>
    public PolicyTypeDecision Judge(Organization organization, Estate estate, OrganizationPolicyType type) =>
        type == OrganizationPolicyType.ServiceControl
            ? OrganizationPolicies.ServiceControl(organization, Principal, Context(organization, estate))
            : OrganizationPolicies.ResourceControl(organization, ResourceAccount, Principal, Context(organization, estate));
}

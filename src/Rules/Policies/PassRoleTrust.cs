using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Whether an iam:PassRole escalation method can be taken at all. AWS refuses to pass a role to a service whose
/// principal the role's trust does not admit, so the method needs a role of the principal's account that the
/// principal may pass and whose trust admits the method's service (the check the principal graph makes for its
/// PassRole edges). A method whose service we cannot name is kept (judged as before).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
/// </summary>
public static class PassRoleTrust
{
    /// <summary>The service principal each method's service passes its role to, by the prefix of the method's other actions.</summary>
    private static readonly Dictionary<string, string> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ec2"] = "ec2.amazonaws.com", ["lambda"] = "lambda.amazonaws.com", ["glue"] = "glue.amazonaws.com",
        ["cloudformation"] = "cloudformation.amazonaws.com", ["ecs"] = "ecs-tasks.amazonaws.com", ["codebuild"] = "codebuild.amazonaws.com",
        ["sagemaker"] = "sagemaker.amazonaws.com", ["datapipeline"] = "datapipeline.amazonaws.com", ["apprunner"] = "tasks.apprunner.amazonaws.com",
        ["codestar"] = "codestar.amazonaws.com",
    };

    /// <summary>The service principal the method passes a role to; null when it passes none or its service is not one we name.</summary>
    public static string? ServiceOf(EscalationMethod method)
    {
        if (!method.Permissions.Contains("iam:PassRole", StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        var prefixes = method.Permissions.Where(p => !p.Equals("iam:PassRole", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return prefixes is [var prefix] && Services.TryGetValue(prefix, out var service) ? service : null;
    }

    /// <summary>
    /// The matches AWS would refuse: PassRole methods for which no role among <paramref name="roles"/> (those of the
    /// principal's account) both admits the method's service in its trust and may be passed by the principal.
    /// </summary>
    public static IReadOnlyList<EscalationMatch> Refused(IReadOnlyList<EscalationMatch> matches, PermissionSet permissions, IEnumerable<Resource> roles)
    {
        var candidates = roles.Select(r => (r.Arn, r.AccountId, Trust: IamPrincipals.TrustPolicyOf(r))).Where(r => r.Trust is not null).ToList();
        return matches.Where(m => ServiceOf(m.Method) is { } service
            && !candidates.Any(role => permissions.Can("iam:PassRole", role.Arn).Allowed && Admits(role.Trust!, role.Arn, role.AccountId, service))).ToList();
    }

    private static bool Admits(PolicyDocument trust, string roleArn, string account, string service) =>
        AccessEvaluator.Evaluate(new AccessQuestion(RequestPrincipal.Service(service), new RequestContext("sts:AssumeRole", roleArn))
        {
            ResourcePolicy = trust, ResourceAccount = account,
        }).Allowed;
}

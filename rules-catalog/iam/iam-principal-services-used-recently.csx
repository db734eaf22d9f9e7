// id: iam-principal-services-used-recently
// title: IAM users and roles are granted only services they have used within the allowed number of days
// severity: low
// resource-types: AWS::IAM::Role, AWS::IAM::User
// rationale: A service granted and never used is privilege that only an attacker will exercise. Read from IAM's service-last-accessed data (collected when guardrails.yaml sets aws.serviceLastAccessed.enabled), which lists every service the principal's policies allow and when it last authenticated to each; the Allow statements that grant each unused service are named so they can be trimmed. A principal newer than the limit is not judged yet; without the data the verdict is NotAssessed, never Pass.
// remediation: Remove the unused services from the statements named (or generate a policy from CloudTrail: `aws accessanalyzer start-policy-generation`), then publish the trimmed policy; the limit is set in guardrails.yaml (rules: iam-principal-services-used-recently: maxServiceUnusedDays).
// controls: n/a (no CIS or FSBP control covers unused roles or unused services; FSBP IAM.8 is about user credentials; IAM Access Analyzer reports unused access as findings)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html, https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
// param: maxServiceUnusedDays (integer, 1 to 400) = 90: a service granted and not used for more than this many days fails

if (IamPrincipals.IsServiceLinked(Resource))
{
    return Skip($"{Resource.DisplayName} is a service-linked role: AWS sets its permissions");
}
var maxDays = (int)Params.Number("maxServiceUnusedDays");
if (UnusedAccess.UnusedServices(Resource, Inventory, Now, maxDays) is not { } unused)
{
    return NotAssessed($"{Resource.DisplayName}: IAM's service-last-accessed data was not collected (set aws.serviceLastAccessed.enabled in guardrails.yaml)");
}
if (UnusedAccess.Date(Resource.Config("CreateDate")) is { } created && Now - created <= TimeSpan.FromDays(maxDays))
{
    return Pass($"{Resource.DisplayName} was created on {created:yyyy-MM-dd}, less than {maxDays} days ago: too new to call a service unused");
}
if (unused.Count == 0)
{
    return Pass($"{Resource.DisplayName} used every service it is granted within {maxDays} days");
}
var names = unused.Select(u => u.Service.LastAuthenticated is { } d ? $"{u.Service.Namespace} (last used {d:yyyy-MM-dd})" : $"{u.Service.Namespace} (never used)").ToList();
var statements = unused.SelectMany(u => u.Statements).Distinct().ToList();
var trim = statements.Count == 0 ? "" : $"; granted by {string.Join(", ", statements.Select(s => s.Label).Distinct())}";
return Fail($"{Resource.Type} {Resource.Arn} is granted {unused.Count} service(s) unused for over {maxDays} days: {string.Join(", ", names)}{trim}. Fix: remove them from those statements",
    Evidence.Of(statements).And("unusedServices", unused.Select(u => u.Service.Namespace)).And("maxServiceUnusedDays", maxDays));

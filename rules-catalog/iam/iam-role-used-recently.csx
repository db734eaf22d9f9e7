// id: iam-role-used-recently
// title: IAM roles have been used within the allowed number of days
// severity: medium
// resource-types: AWS::IAM::Role
// rationale: A role nobody assumes is standing access with no owner watching it: its trust and its permissions outlive the workload they were made for. Read from RoleLastUsed in the authorization details (IAM tracks it for 400 days); a role never used counts from its creation. Service-linked roles are AWS's to remove and are skipped.
// remediation: Confirm with the owner that nothing assumes the role, then delete it (`aws iam delete-role --role-name NAME`, after detaching its policies and removing it from instance profiles); the limit is set in guardrails.yaml (rules: iam-role-used-recently: maxUnusedDays).
// controls: n/a (no CIS or FSBP control covers unused roles or unused services; FSBP IAM.8 is about user credentials; IAM Access Analyzer reports unused access as findings)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html, https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html
// param: maxUnusedDays (integer, 1 to 400) = 90: a role not assumed for more than this many days fails

if (IamPrincipals.IsServiceLinked(Resource))
{
    return Skip($"{Resource.DisplayName} is a service-linked role: AWS creates and deletes it with the service");
}
if (Resource.Config("RoleLastUsed") is not { ValueKind: JsonValueKind.Object } lastUsed)
{
    return NotAssessed($"role {Resource.DisplayName} has no RoleLastUsed: its use was not collected (it comes from aws iam get-account-authorization-details)");
}
var maxDays = Params.Number("maxUnusedDays");
var used = UnusedAccess.Date(JsonPath.Find(lastUsed, "LastUsedDate"));
var since = used ?? UnusedAccess.Date(Resource.Config("CreateDate"));
if (since is { } s && Now - s <= TimeSpan.FromDays(maxDays))
{
    return Pass($"role {Resource.DisplayName} was {(used is null ? "created" : "last used")} on {s:yyyy-MM-dd}, within {maxDays} days");
}
var when = used is { } u ? $"last used {u:yyyy-MM-dd}" : since is { } c ? $"never used, created {c:yyyy-MM-dd}" : "never used, created on an unreadable date";
return Fail($"role {Resource.Arn} was {when}, unused for over {maxDays} days. Fix: confirm nothing assumes it, then delete it",
    Evidence.Value("RoleLastUsed.LastUsedDate", JsonPath.Find(lastUsed, "LastUsedDate")?.ToString()).And("CreateDate", Resource.Config("CreateDate")?.ToString()).And("maxUnusedDays", maxDays));

// id: segregation-abac-tags-not-changeable
// title: IAM users and roles cannot change the tags their tag-based access depends on
// severity: critical
// resource-types: AWS::IAM::User, AWS::IAM::Role
// rationale: Where access is granted on condition of a tag, by the principal's own policies or by a resource policy of its account that admits it (aws:ResourceTag/customer equal to ${aws:PrincipalTag/customer}, s3:ExistingObjectTag, aws:RequestTag), the tag is the perimeter: a principal that may rewrite or remove that tag key on the resources the grant reaches (ec2:CreateTags, s3:PutBucketTagging, <service>:TagResource, Untag...) moves another customer's resource into its reach, and one that may tag itself (iam:TagRole, iam:TagUser) moves its own aws:PrincipalTag into another customer's perimeter. Each change is judged as AWS would: with the tag keys the request carries (aws:TagKeys, aws:RequestTag), explicit Denies, the permissions boundary and the SCPs over the account.
// remediation: Deny the tagging actions on the ABAC tag keys (`"Effect": "Deny", "Action": ["iam:TagRole", "iam:UntagRole", "<service>:TagResource", "<service>:UntagResource"], "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["customer"]}}`), ideally in an SCP, or allow tagging only where `aws:ResourceTag/customer` and `aws:RequestTag/customer` equal `${aws:PrincipalTag/customer}`; for actions without aws:TagKeys (s3:PutBucketTagging), deny the action itself.
// controls: n/a (no CIS or FSBP control covers ABAC tag integrity)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html#access_tags_control-tag-keys, https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html

var abac = AbacIntegrity.Judge(Resource, Inventory, Now, Organization, Estate);
if (abac.Grants.Count == 0)
{
    return abac.NotRead.Count > 0
        ? NotAssessed($"{Resource.DisplayName} is granted nothing on condition of a tag by the policies read, but {string.Join(", ", abac.NotRead)} could not be read")
        : Skip($"{Resource.DisplayName} is granted nothing on condition of a tag");
}
var keys = string.Join(", ", abac.Keys);
if (abac.Paths.Count == 0)
{
    return abac.NotRead.Count > 0
        ? NotAssessed($"{Resource.DisplayName} cannot change {keys} through the policies read, but {string.Join(", ", abac.NotRead)} could not be read")
        : Pass($"{Resource.DisplayName} cannot change {keys}, on which its access depends{(abac.Refusals.Count == 0 ? "" : $": {string.Join("; ", abac.Refusals)}")}");
}
var without = Organization.WithoutNote is { } org ? $" ({org})" : "";
return Fail($"{Resource.Type} {Resource.Arn} can change the tags its access depends on{without}, and so move itself or a resource into another customer's perimeter: {abac.Describe(Resource.Arn)}. Fix: deny those tagging actions on {keys} (a Deny with aws:TagKeys, or the action itself where it has no aws:TagKeys)", Evidence.Of(abac.Statements).And(Evidence.Value("tag keys", abac.Keys)));

// id: iam-policy-no-service-wide-wildcard
// title: Customer managed and inline IAM policies grant no service-wide wildcard (such as s3:*) on every resource
// severity: medium
// resource-types: AWS::IAM::Policy, AWS::IAM::User, AWS::IAM::Role, AWS::IAM::Group
// rationale: "s3:*" on "*" grants every action of the service on every resource of it, including the destructive and the permission-changing ones (s3:PutBucketPolicy, kms:PutKeyPolicy, iam:* is administrator in all but name) and every action AWS adds later. Judged where the policy is written: a customer managed policy's default version, or a principal's inline policies.
// remediation: List the actions the holders use (IAM Access Analyzer can generate them from CloudTrail: `aws accessanalyzer start-policy-generation`) or limit the resources to the customer's own, then publish a new default version (`aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default`).
// controls: AWS FSBP IAM.21
// references: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html

var policies = IdentityPolicyChecks.OwnPolicies(Resource);
var wildcards = IdentityPolicyChecks.ServiceWideWildcards(policies);
return wildcards.Count == 0
    ? Pass($"{Resource.DisplayName}: no policy written on it grants a whole service on every resource")
    : Fail($"{Resource.Type} {Resource.Arn} grants whole services on \"*\": {string.Join("; ", wildcards.Select(w => $"{string.Join(", ", w.Actions)} under {w.Statement.Label}"))}. Fix: name the actions needed, or limit Resource to the customer's own resources", Evidence.Of(wildcards.Select(w => w.Statement)));

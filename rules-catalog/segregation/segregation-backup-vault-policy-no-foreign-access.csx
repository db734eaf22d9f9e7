// id: segregation-backup-vault-policy-no-foreign-access
// title: AWS Backup vault access policies let in only the customer's own accounts, the platform and AWS services
// severity: critical
// resource-types: AWS::Backup::BackupVault
// rationale: A backup vault holds recovery points of one customer's data; an access policy that lets another customer's account, an account outside the estate, or anyone copy into, restore from or delete its recovery points breaks segregation (and can destroy the customer's backups). Copies to the platform's backup account are allowed. The policy is read from configuration.AccessPolicy, the CloudFormation property AWS Config records for AWS::Backup::BackupVault.
// remediation: Remove the foreign principals from the vault's access policy (`aws backup put-backup-vault-access-policy --backup-vault-name NAME --policy file://policy.json`, or `aws backup delete-backup-vault-access-policy --backup-vault-name NAME`).
// controls: n/a (no CIS or FSBP control covers cross-customer backup vault policies)
// references: https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupvault.html

var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"backup vault {Resource.DisplayName} has no access policy");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the access policy of backup vault {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"backup vault {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those principals from the vault's access policy", Evidence.Of(foreign.Select(g => g.Statement)));

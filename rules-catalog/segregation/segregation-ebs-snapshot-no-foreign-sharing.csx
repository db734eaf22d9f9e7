// id: segregation-ebs-snapshot-no-foreign-sharing
// title: EBS snapshots are shared with no account beyond their customer's and the platform's
// severity: critical
// resource-types: AWS::EC2::Snapshot
// rationale: Anyone a snapshot's createVolumePermission names can create a volume from it and read the customer's disk; sharing with another customer's account, an account outside the estate, or the group all (public) breaks segregation. Sharing with the snapshot's own account, the same customer's accounts or the platform is fine. AWS Config records no sharing for snapshots, so the scanner keeps `aws ec2 describe-snapshot-attribute --attribute createVolumePermission`'s response (or its CreateVolumePermissions list) in supplementaryConfiguration.CreateVolumePermissions.
// remediation: Remove the foreign accounts and the group all (`aws ec2 modify-snapshot-attribute --snapshot-id ID --attribute createVolumePermission --operation-type remove --user-ids ACCOUNT`, `--group-names all`); block public sharing in the Region (`aws ec2 enable-snapshot-block-public-access --state block-all-sharing`).
// controls: AWS FSBP EC2.1
// references: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSnapshotAttribute.html

if (ResourceSharing.Grants(Resource, Estate) is not { } grants)
{
    return Skip($"snapshot {Resource.DisplayName}: createVolumePermission was not collected; collect it to judge who the snapshot is shared with");
}
var foreign = grants.Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"snapshot {Resource.DisplayName} is shared with no account beyond its customer and the platform{(grants.Count == 0 ? " (not shared)" : $" ({ResourceSharing.Describe(grants)})")}")
    : Fail($"snapshot {Resource.Arn} is shared beyond its customer: {ResourceSharing.Describe(foreign)}. Fix: remove them with aws ec2 modify-snapshot-attribute --attribute createVolumePermission --operation-type remove", Evidence.Value("createVolumePermission", foreign.Select(g => g.Grantee)));

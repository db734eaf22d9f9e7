// id: segregation-rds-snapshot-no-foreign-sharing
// title: RDS DB and cluster snapshots are shared with no account beyond their customer's and the platform's
// severity: critical
// resource-types: AWS::RDS::DBSnapshot, AWS::RDS::DBClusterSnapshot
// rationale: Anyone a snapshot's restore attribute names can restore the customer's database from it; sharing with another customer's account, an account outside the estate, or all (public) breaks segregation. AWS Config records the attribute in supplementaryConfiguration.DBSnapshotAttributes / DBClusterSnapshotAttributes ([{attributeName: restore, attributeValues: [...]}]), the shape describe-db-snapshot-attributes returns.
// remediation: Remove the foreign accounts and all from the restore attribute (`aws rds modify-db-snapshot-attribute --db-snapshot-identifier ID --attribute-name restore --values-to-remove ACCOUNT`, or modify-db-cluster-snapshot-attribute for a cluster snapshot).
// controls: AWS FSBP RDS.1
// references: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html, https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshotAttributes.html

if (ResourceSharing.Grants(Resource, Estate) is not { } grants)
{
    return Skip($"snapshot {Resource.DisplayName}: the restore attribute was not collected; collect it to judge who the snapshot is shared with");
}
var foreign = grants.Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"snapshot {Resource.DisplayName} is shared with no account beyond its customer and the platform{(grants.Count == 0 ? " (not shared)" : $" ({ResourceSharing.Describe(grants)})")}")
    : Fail($"snapshot {Resource.Arn} is shared beyond its customer: {ResourceSharing.Describe(foreign)}. Fix: remove them with aws rds modify-db-snapshot-attribute (or modify-db-cluster-snapshot-attribute) --attribute-name restore --values-to-remove", Evidence.Value("restore", foreign.Select(g => g.Grantee)));

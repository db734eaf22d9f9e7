// id: segregation-ami-no-foreign-launch-permission
// title: AMIs grant launch permission to no account beyond their customer's and the platform's
// severity: high
// resource-types: AWS::EC2::Image
// rationale: Whoever an AMI's launch permission names can launch it and read everything baked into it (code, configuration, sometimes credentials); another customer's account, an account outside the estate, an organization or OU (every customer may share one), or the group all (public) crosses the customer boundary. AWS Config records no launch permissions, so the scanner keeps `aws ec2 describe-image-attribute --attribute launchPermission`'s response (or its LaunchPermissions list) in supplementaryConfiguration.LaunchPermissions.
// remediation: Remove the foreign launch permissions (`aws ec2 modify-image-attribute --image-id ID --launch-permission 'Remove=[{UserId=ACCOUNT},{Group=all}]'`); block public AMI sharing in the Region (`aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing`).
// controls: n/a (no CIS or FSBP control covers AMI sharing)
// references: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImageAttribute.html

if (ResourceSharing.Grants(Resource, Estate) is not { } grants)
{
    return Skip($"image {Resource.DisplayName}: the launchPermission attribute was not collected; collect it to judge who the image is shared with");
}
var foreign = grants.Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"image {Resource.DisplayName} is shared with no account beyond its customer and the platform{(grants.Count == 0 ? " (not shared)" : $" ({ResourceSharing.Describe(grants)})")}")
    : Fail($"image {Resource.Arn} is shared beyond its customer: {ResourceSharing.Describe(foreign)}. Fix: remove them with aws ec2 modify-image-attribute --launch-permission 'Remove=[...]'", Evidence.Value("launchPermission", foreign.Select(g => g.Grantee)));

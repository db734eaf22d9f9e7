// id: segregation-dynamodb-policy-no-foreign-access
// title: DynamoDB table and stream resource policies let in only the customer's own accounts, the platform and AWS services
// severity: high
// resource-types: AWS::DynamoDB::Table, AWS::DynamoDB::Stream
// rationale: Whoever a table's resource policy lets in can read or change the customer's items; whoever a stream's policy lets in reads every change to them (dynamodb:GetRecords). Another customer's account, an account outside the estate, or anyone ("*", or an organisation every customer is in) crosses the customer boundary. One rule judges both: they are the same policy language, answered by the same call (aws dynamodb get-resource-policy --resource-arn) and fixed the same way. AWS Config records the table without its policy; the scanner reads each table, its latest stream and both policies (aws dynamodb list-tables, describe-table, get-resource-policy; dynamodb/REGION/ of the snapshot). A table only Config recorded is skipped: its policy was not read.
// remediation: Remove the statements that let them in (`aws dynamodb put-resource-policy --resource-arn ARN --policy file://policy.json`), or the whole policy (`aws dynamodb delete-resource-policy --resource-arn ARN`); for a stream, its own ARN.
// controls: n/a (no CIS or FSBP control covers DynamoDB resource policies)
// references: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html, https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetResourcePolicy.html

var what = Resource.Type == "AWS::DynamoDB::Stream" ? "stream" : "table";
if (Resource.Supplementary("ResourcePolicy") is null)
{
    return Skip($"{what} {Resource.DisplayName}: its resource policy was not collected (only AWS Config recorded it); collect dynamodb/ to judge who it lets in");
}
var policy = ResourcePolicies.Of(Resource);
if (policy is null)
{
    return Pass($"{what} {Resource.DisplayName} has no resource policy: only its own account's principals reach it");
}
var foreign = AccessAnalyzer.Grants(policy, Resource, Estate, Organization).Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"the resource policy of {what} {Resource.DisplayName} lets in only the customer's own accounts, the platform and AWS services")
    : Fail($"{what} {Resource.Arn} is open beyond its customer: {AccessAnalyzer.Describe(foreign)}{(Organization.WithoutNote is { } without ? $" ({without})" : "")}. Fix: remove those statements (aws dynamodb put-resource-policy, or delete-resource-policy --resource-arn {Resource.Arn})", Evidence.Of(foreign.Select(g => g.Statement)));

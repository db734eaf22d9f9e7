// id: segregation-principal-no-cross-customer-chain
// title: No principal of another customer or outside the estate can reach a customer's users and roles
// severity: critical
// resource-types: AWS::IAM::User, AWS::IAM::Role
// rationale: A role that trusts only its own customer and the platform can still be reached from another customer through a chain: a foreign principal assumes a platform role that may assume roles in every customer's accounts. Each step alone looks allowed; together they hand one customer's account to another. The chain follows only steps AWS would allow (the caller's permission and the role's trust for sts:AssumeRole, iam:PassRole into a trusting service, credential and trust takeovers), from principals of other customers' accounts and of accounts outside the estate, through any principal; the platform roles that bridge customers are named.
// remediation: Break the chain at the platform role it names: pin its trust policy to the accounts of one customer (aws:PrincipalAccount, or one role per customer), or narrow its sts:AssumeRole statement to that customer's accounts; otherwise remove the foreign hop the message names.
// controls: n/a (no CIS or FSBP control covers cross-customer reachability)
// references: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html

if (!Graph.IsBuilt)
{
    return NotAssessed($"the estate's principal graph was not built for this scan, so chains to {Resource.DisplayName} were not followed");
}
if (Estate.CustomerOf(Resource.AccountId) is not { } customer)
{
    return Skip($"{Resource.DisplayName} is in account {Resource.AccountId}, which belongs to no customer");
}
var chain = Graph.ChainFromAnotherCustomer(Resource.Arn);
if (chain is null)
{
    return Pass($"{Resource.DisplayName} of customer {customer.Name} is reached by no principal of another customer or outside the estate");
}
var origin = Estate.CustomerOf(chain.Start.AccountId) is { } other ? $"customer {other.Name}'s {chain.Start.DisplayName}" : $"{chain.Start.DisplayName}, outside the estate";
var bridges = Graph.PlatformNodes(chain);
var bridging = bridges.Count == 0 ? "" : $"; bridged by the platform's {string.Join(", ", bridges.Select(b => b.DisplayName))}";
return Fail($"{Resource.Type} {Resource.Arn} of customer {customer.Name} can be reached from {origin} in {chain.Hops.Count} hop(s){bridging}: {chain.Describe()}. Fix: pin the trust and the sts:AssumeRole statements of the hops named (the platform's first) to one customer's accounts", chain.Evidence());

// id: segregation-customer-resources-fenced
// title: Each customer account's resources admit only that customer's and the platform's principals and AWS services acting for it (an RCP fences them)
// severity: high
// resource-types: AWS::::Account
// rationale: Two customers in one organisation are inside each other's aws:PrincipalOrgID, so AWS's organisation-wide identity perimeter lets another customer's role in through any resource policy that trusts the organisation or is written too widely. An RCP over the customer's OU (or accounts) that denies data actions to principals outside the customer's accounts and the platform's, keeping AWS services in, is the perimeter per customer. Judged by probing the RCPs with requests from another customer's account, from an account outside the organisation, and from an AWS service; without the organisation read, it is not assessed.
// remediation: Attach to the customer's OU an RCP that denies s3:*, sqs:*, kms:*, secretsmanager:*, sts:AssumeRole unless aws:PrincipalAccount is one of the customer's or the platform's accounts (or aws:PrincipalOrgPaths is under the customer's OU), with BoolIfExists aws:PrincipalIsAWSService false (`aws organizations create-policy --type RESOURCE_CONTROL_POLICY ...`, then `attach-policy --target-id OU`).
// controls: n/a (AWS data perimeter per customer; no CIS or FSBP control covers it)
// references: https://github.com/aws-samples/data-perimeter-policy-examples, https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths

using Ocado.Guardrails.Rules.Organizations;

var judgement = CustomerPerimeter.OfResources(Resource.AccountId, Estate, Organization);
return judgement.Verdict switch
{
    Verdict.Pass => Pass(judgement.Message),
    Verdict.Fail => Fail(judgement.Message, judgement.Evidence),
    Verdict.NotAssessed => NotAssessed(judgement.Message),
    _ => Skip(judgement.Message),
};

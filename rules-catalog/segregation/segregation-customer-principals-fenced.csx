// id: segregation-customer-principals-fenced
// title: Each customer account's principals reach only that customer's and the platform's resources (an SCP fences them)
// severity: high
// resource-types: AWS::::Account
// rationale: Two customers in one organisation are inside each other's aws:ResourceOrgID, so AWS's organisation-wide resource perimeter does not stop a role of one customer from reading another customer's bucket that a careless policy opened. An SCP over the customer's OU (or accounts) that denies data actions on resources outside the customer's accounts and the platform's is the perimeter per customer. Judged by probing the SCPs with requests from the account to another customer's account and to an account outside the organisation; without the organisation read, it is not assessed.
// remediation: Attach to the customer's OU an SCP that denies data actions (s3, sqs, kms, secretsmanager, sts:AssumeRole) unless aws:ResourceAccount is one of the customer's or the platform's accounts, or aws:ResourceOrgPaths is under the customer's OU (`aws organizations create-policy --type SERVICE_CONTROL_POLICY ...`, then `attach-policy --target-id OU`).
// controls: n/a (AWS data perimeter per customer; no CIS or FSBP control covers it)
// references: https://github.com/aws-samples/data-perimeter-policy-examples, https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceorgpaths

using Ocado.Guardrails.Rules.Organizations;

var judgement = CustomerPerimeter.OfPrincipals(Resource.AccountId, Estate, Organization);
return judgement.Verdict switch
{
    Verdict.Pass => Pass(judgement.Message),
    Verdict.Fail => Fail(judgement.Message, judgement.Evidence),
    Verdict.NotAssessed => NotAssessed(judgement.Message),
    _ => Skip(judgement.Message),
};

using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Scanner.Templates;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary>
/// Our verdicts on the real templates against what cfn_nag, checkov and the templates' authors assert
/// (tests/data/cloudformation/expected-verdicts.csv, the rows for checks our rules cover).
/// </summary>
public sealed class ExpectedVerdictTests
{
    private static readonly string Data = Path.Combine(RepoPaths.TestData, "cloudformation");

    /// <summary>Their check, on a resource type, and the catalog rule that judges the same thing.</summary>
    private static string? OurRule(string check, string type) => (check, type) switch
    {
        ("F16" or "F9", _) => "segregation-bucket-policy-no-foreign-access",
        ("F21" or "F7", _) => "segregation-queue-policy-no-foreign-access",
        ("F18" or "F8", _) => "segregation-topic-policy-no-foreign-access",
        ("CKV_AWS_60" or "CKV_AWS_61" or "F6", _) => "segregation-role-trust-no-foreign-account",
        // Our admin rule judges principals; a policy attached to nobody grants nothing.
        ("W43" or "CKV_AWS_62", "AWS::IAM::Role" or "AWS::IAM::User" or "AWS::IAM::Group") => "iam-principal-no-admin-access",
        // An IAM policy resource is judged on the principals it attaches to, by the rule on policies written on them.
        ("CKV_AWS_62", "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy") => "iam-policy-no-admin-wildcard",
        ("cross-account/public exposure", "AWS::S3::BucketPolicy") => "segregation-bucket-policy-no-foreign-access",
        ("cross-account/public exposure", "AWS::IAM::Role") => "segregation-role-trust-no-foreign-account",
        ("F38" or "F39" or "F40", _) => "iam-policy-no-passrole-on-every-role",
        ("F76" or "CKV_AWS_33", _) or ("cross-account/public exposure", "AWS::KMS::Key") => "segregation-key-policy-no-foreign-access",
        ("F13" or "CKV_AWS_364", _) => "segregation-function-policy-no-foreign-access",
        ("W15" or "W16" or "W17", _) => "iam-policy-no-allow-not-action",
        ("F3" or "F4" or "F5" or "CKV_AWS_63", _) => "iam-policy-no-admin-wildcard",
        ("W31" or "F14", _) => "segregation-bucket-acl-no-foreign-grants",
        ("CKV_AWS_32", _) => "segregation-repository-policy-no-foreign-access",
        // No catalog rule judges EventBridge bus policies yet.
        _ => null,
    };

    /// <summary>
    /// Where we deliberately differ, per (file, resource, their check): our verdict, the reason, and, when
    /// another of our rules reports what theirs reports, that rule, which must fail the same resource.
    /// Everything else must agree.
    /// </summary>
    private static readonly Dictionary<(string File, string Resource, string Check), Difference> Differences = new()
    {
        // (cfn_nag F16 on s3_bucket_with_wildcards.json, which grants account 156460612806, now agrees: that is the
        // Elastic Load Balancing log-delivery account AWS documents for eu-west-1, an AWS service, not a foreign account.)
        // cfn_nag F21 likewise: these grant user some.user of account 123123123123, outside the estate.
        [("cfn_nag/json/sqs_queue_policy/sqs_queue_with_wildcards.json", "mysqspolicy1", "F21")] = new(Verdict.Fail, ForeignAccount),
        [("cfn_nag/json/sqs_queue_policy/sqs_queue_with_wildcards.json", "mysqspolicy1b", "F21")] = new(Verdict.Fail, ForeignAccount),
        [("cfn_nag/json/sqs_queue_policy/sqs_queue_with_wildcards.json", "mysqspolicy1c", "F21")] = new(Verdict.Fail, ForeignAccount),
        [("cfn_nag/json/sqs_queue_policy/sqs_queue_with_wildcards.json", "mysqspolicy1d", "F21")] = new(Verdict.Fail, ForeignAccount),
        // cfn_nag F76 likewise: the key policy lets in accounts 111122223333 and 123456789012, outside the estate.
        [("cfn_nag/json/kms/kms_key_without_wildcard_principal.json", "myKeyNoWildcardPrincipal", "F76")] = new(Verdict.Fail, ForeignAccount),
        [("cfn_nag/yaml/kms/kms_key_without_wildcard_principal.yml", "myKeyNoWildcardPrincipal", "F76")] = new(Verdict.Fail, ForeignAccount),
        // cfn_nag F13 likewise: the permission's principal is account 555555555555, outside the estate.
        [("cfn_nag/json/lambda_permission/lambda_with_wildcard_principal_and_non_invoke_function_permission.json", "lambdaPermission2", "F13")] =
            new(Verdict.Fail, ForeignAccount),
        // checkov CKV_AWS_32 asks only whether the principal is "*": Bob and Alice are users of account 123456789012, outside the estate.
        [("checkov/example_ECRPolicy/ECRPolicy-PASSED.yaml", "Restricted", "CKV_AWS_32")] = new(Verdict.Fail, ForeignAccount),
        // checkov passes "*" pinned by aws:PrincipalOrgID; organization o-12345678 is not the estate's, so "*" stays foreign for us.
        [("checkov/example_ECRPolicy/ECRPolicy-PASSED-2.yaml", "CondAllPass", "CKV_AWS_32")] = new(Verdict.Fail, ForeignOrganization),
        [("checkov/example_ECRPolicy/ECRPolicy-PASSED-2.yaml", "CondAnyPass", "CKV_AWS_32")] = new(Verdict.Fail, ForeignOrganization),
        [("checkov/example_ECRPolicy/ECRPolicy-PASSED-2.yaml", "CondEqualsPass", "CKV_AWS_32")] = new(Verdict.Fail, ForeignOrganization),
        // cfn_nag F38/F40 count "Action": "*" as PassRole. Our PassRole rule leaves "*" to the admin-wildcard
        // rule, so that one statement is one finding, not two: that rule fails the resource instead.
        [("cfn_nag/yaml/iam_passrole_resource_wildcard/iam_managed_policy_passrole_resource_wildcard_fail.yml", "ManagedPolicyFail5", "F40")] =
            new(Verdict.Pass, EveryActionIsAdmin, "iam-policy-no-admin-wildcard"),
        [("cfn_nag/json/lambda_permission/lambda_with_wildcard_principal_and_non_invoke_function_permission.json", "LambdaExecutionRole", "F38")] =
            new(Verdict.Pass, EveryActionIsAdmin, "iam-policy-no-admin-wildcard"),
        // cfn_nag F3/F4/F5 fail any "*" in an action. Ours fail every action, or every action of a service, on
        // every resource: "rds:*" on the test* databases is scoped, and "*" on NotResource "*" grants nothing.
        [("cfn_nag/json/iam_managed_policy/iam_managed_policy_with_wildcard_action.json", "CreateTestDBPolicy3", "F5")] = new(Verdict.Pass, ScopedWildcard),
        [("cfn_nag/json/iam_policy/iam_policy_with_wildcard_action.json", "WildcardActionPolicy", "F4")] = new(Verdict.Pass, ScopedWildcard),
        [("cfn_nag/json/iam_role/iam_role_with_wildcard_action.json", "WildcardActionRole", "F3")] =
            new(Verdict.Pass, "\"Action\": \"*\" with \"NotResource\": \"*\" allows nothing"),
        // cfn_nag W31 is PublicRead and F14 PublicReadWrite; our ACL rule fails any grant to AllUsers, whichever it is.
        [("cfn_nag/json/s3_bucket/buckets_with_insecure_acl.json", "S3BucketReadWrite", "W31")] = new(Verdict.Fail, AnyPublicGrant),
        [("cfn_nag/json/s3_bucket/buckets_with_insecure_acl.json", "S3BucketRead", "F14")] = new(Verdict.Fail, AnyPublicGrant),
        // A policy or a permission is judged on what it attaches to; these attach to nothing in their template,
        // so they are listed as not assessed, with that reason, instead of judged.
        [("checkov/example_IAMStarActionPolicyDocument/cfn_bad_iam_pass.yaml", "rIamPolicy", "CKV_AWS_63")] = new(Verdict.Skip, AttachedToNothing),
        [("checkov/example_LambdaServicePermission/LambdaServicePermission_Pass.yml", "FunctionPassingArnPermission", "CKV_AWS_364")] = new(Verdict.Skip, AttachedToNothing),
        [("checkov/example_LambdaServicePermission/LambdaServicePermission_Pass.yml", "FunctionPassingAccountPermission", "CKV_AWS_364")] = new(Verdict.Skip, AttachedToNothing),
        [("checkov/example_LambdaServicePermission/LambdaServicePermission_Pass.yml", "ExampleS3ServicePermission", "CKV_AWS_364")] = new(Verdict.Skip, AttachedToNothing),
        [("checkov/example_LambdaServicePermission/LambdaServicePermission_Pass.yml", "ExampleEventsServicePermission", "CKV_AWS_364")] = new(Verdict.Skip, AttachedToNothing),
        [("checkov/example_LambdaServicePermission/LambdaServicePermission_Fail.yml", "FunctionFailPermission", "CKV_AWS_364")] = new(Verdict.Skip, AttachedToNothing),
    };

    private const string ForeignAccount = "names an account outside the estate (no --config), which segregation fails";
    private const string ForeignOrganization = "\"*\" pinned to an organization that is not the estate's is still foreign";
    private const string EveryActionIsAdmin = "\"Action\": \"*\" is judged by the admin-wildcard rule, not again by the PassRole rule";
    private const string ScopedWildcard = "a service's actions on named resources are not a wildcard on every resource";
    private const string AnyPublicGrant = "one rule for every public ACL grant, read or write";
    private const string AttachedToNothing = "attaches to nothing in its template, so it is reported as not assessed";

    private sealed record Difference(Verdict Ours, string Why, string? ReportedBy = null);

    [Fact]
    public void OurVerdictsAgreeWithTheAssertedOnesExceptWhereExplained()
    {
        var rows = Csv.Read(Path.Combine(Data, "expected-verdicts.csv"))
            .Where(r => r["resource"] != "*" && OurRule(r["check_id"], r["resource_type"]) is not null)
            .Where(r => r["expected"] is "PASS" or "FAIL" || r["expected"].StartsWith("CROSS_ACCOUNT", StringComparison.Ordinal))
            .ToList();
        var compared = 0;
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var path = Path.Combine(Data, row["file"]);
            var rule = OurRule(row["check_id"], row["resource_type"])!;
            var mapped = TemplateMapper.Map(TemplateReader.Read(path), new TemplateContext());
            // A managed policy is judged itself; an inline policy or a resource policy, on what it attaches to.
            var judgedItself = mapped.Resources.Any(r => r.Source.LogicalId == row["resource"]);
            var target = !judgedItself && mapped.AttachedTo.TryGetValue(row["resource"], out var to) ? to.Split(", ")[0] : row["resource"];
            var result = TemplateChecks.Run(path);
            Verdict VerdictOf(string ruleId) => result.Findings
                .Where(f => f.Location!.LogicalId == target && f.RuleId == ruleId).Select(f => f.Verdict).DefaultIfEmpty(Verdict.Skip).First();
            var ours = VerdictOf(rule);
            // Intended cross-account access is still access beyond the customer: we report it, and a waiver records the intent.
            var expected = row["expected"] == "PASS" ? Verdict.Pass : Verdict.Fail;
            compared++;
            if (Differences.TryGetValue((row["file"], row["resource"], row["check_id"]), out var known))
            {
                Assert.NotEqual(expected, known.Ours);
                expected = known.Ours;
                if (known.Ours == Verdict.Skip && !result.NotAssessed.Any(n => n.Location.LogicalId == row["resource"] && n.Reason.Contains("attaches to nothing", StringComparison.Ordinal)))
                {
                    problems.Add($"{row["file"]} {row["resource"]}: not judged, yet not listed as not assessed");
                }
                if (known.ReportedBy is { } other && VerdictOf(other) != Verdict.Fail)
                {
                    problems.Add($"{row["file"]} {row["resource"]}: {other} should report what {row["check_id"]} does, but gave {VerdictOf(other)}");
                }
            }
            if (ours != expected)
            {
                problems.Add($"{row["file"]} {row["resource"]} ({row["check_id"]} {row["expected"]}): ours {ours} by {rule} on {target}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(rows.Count, compared);
        // The tally: every row one of our rules covers is compared, and each explained difference is one of them.
        var differing = rows.Count(r => Differences.ContainsKey((r["file"], r["resource"], r["check_id"])));
        Assert.Equal(Differences.Count, differing);
        Assert.Equal("87/111 agreed", $"{compared - differing}/{compared} agreed");
    }
}

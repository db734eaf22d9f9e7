namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>Where a policy from a template lands in the configuration item shape (see ResourcePolicies and IamPrincipals).</summary>
internal enum PolicyTarget
{
    /// <summary>supplementaryConfiguration.BucketPolicy.policyText, as AWS Config records S3 bucket policies.</summary>
    BucketPolicy,
    /// <summary>configuration.Policy (SQS, SNS).</summary>
    ConfigurationPolicy,
    /// <summary>supplementaryConfiguration.Policy (KMS key policies, ECR repository policies, Lambda function policies).</summary>
    SupplementaryPolicy,
    /// <summary>An entry of RolePolicyList / UserPolicyList / GroupPolicyList.</summary>
    InlinePolicy,
    /// <summary>An entry of AttachedManagedPolicies.</summary>
    AttachedManagedPolicy,
    /// <summary>One statement of the function's resource policy, built from a Lambda permission.</summary>
    LambdaPermission,
}

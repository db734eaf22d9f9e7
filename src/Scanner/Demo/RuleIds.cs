namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The rule ids of the catalog whose violations the demo plants.</summary>
internal static class RuleIds
{
    public const string RequiredTags = "tagging-required-tags";
    public const string CustomerMatches = "tagging-customer-matches-account";
    public const string EnvironmentAllowed = "tagging-environment-allowed-values";
    public const string KeyCaseConsistent = "tagging-key-case-consistent";
    public const string OwnerIsEmail = "tagging-owner-is-email";
    public const string CostCentreFormat = "tagging-cost-centre-format";
    public const string NoSecretsInTags = "tagging-no-secrets-in-tags";
    public const string BucketPolicy = "segregation-bucket-policy-no-foreign-access";
    public const string QueuePolicy = "segregation-queue-policy-no-foreign-access";
    public const string TopicPolicy = "segregation-topic-policy-no-foreign-access";
    public const string RoleTrust = "segregation-role-trust-no-foreign-account";
    public const string TrustExternalId = "segregation-role-trust-foreign-requires-external-id";
    public const string PrincipalsFenced = "segregation-customer-principals-fenced";
    public const string ResourcesFenced = "segregation-customer-resources-fenced";
    public const string AdminAccess = "iam-principal-no-admin-access";
    public const string PrivilegeEscalation = "iam-principal-no-privilege-escalation";
    public const string ConsoleMfa = "iam-user-console-requires-mfa";
    public const string KeysRotated = "iam-user-access-keys-rotated";
    public const string TrustNotPublic = "iam-role-trust-not-public";
    public const string PolicyAdmin = "iam-policy-no-admin-wildcard";
    public const string PolicyNotAction = "iam-policy-no-allow-not-action";
    public const string PolicyPassRole = "iam-policy-no-passrole-on-every-role";
    public const string SingleActiveKey = "iam-user-single-active-key";
    public const string PasswordUsedRecently = "iam-user-console-password-used-recently";
    public const string TransitiveEscalation = "iam-principal-no-transitive-escalation";
    public const string CrossCustomerChain = "segregation-principal-no-cross-customer-chain";
    public const string RoleChainDepth = "iam-role-chain-within-depth";
    public const string DeletedTrust = "iam-role-trust-no-deleted-principals";
    public const string RoleUsedRecently = "iam-role-used-recently";
    public const string ServicesUsedRecently = "iam-principal-services-used-recently";
    public const string RouteToForeignCustomer = "segregation-vpc-no-route-to-foreign-customer";
    public const string OpenPathToForeignCustomer = "segregation-vpc-no-open-path-to-foreign-customer";
    public const string OverlappingCidrs = "segregation-transit-gateway-no-overlapping-cidrs";
    public const string EndpointServiceForeign = "segregation-endpoint-service-no-foreign-principals";
    public const string ResourceShareForeign = "segregation-resource-share-no-foreign-principals";
    public const string DynamoDbPolicy = "segregation-dynamodb-policy-no-foreign-access";
    public const string SnapshotForeign = "segregation-ebs-snapshot-no-foreign-sharing";
    public const string ImageForeign = "segregation-ami-no-foreign-launch-permission";
    public const string AbacTags = "segregation-abac-tags-not-changeable";
    public const string QuotaHeadroom = "quotas-headroom";
    public const string QuotaHeadroomWarning = "quotas-headroom-warning";
    public const string QuotaExhausted = "quotas-exhausted";
    public const string QuotaNonAdjustable = "quotas-non-adjustable-headroom";

    public static readonly IReadOnlyList<string> All =
    [
        RequiredTags, CustomerMatches, EnvironmentAllowed, KeyCaseConsistent, OwnerIsEmail, CostCentreFormat, NoSecretsInTags,
        BucketPolicy, QueuePolicy, TopicPolicy, RoleTrust, TrustExternalId, PrincipalsFenced, ResourcesFenced, CrossCustomerChain, TransitiveEscalation, RoleChainDepth, DeletedTrust,
        AdminAccess, PrivilegeEscalation, ConsoleMfa, KeysRotated, TrustNotPublic, PolicyAdmin, PolicyNotAction, PolicyPassRole, SingleActiveKey, PasswordUsedRecently,
        RoleUsedRecently, ServicesUsedRecently, RouteToForeignCustomer, OpenPathToForeignCustomer, OverlappingCidrs, EndpointServiceForeign, ResourceShareForeign, DynamoDbPolicy, SnapshotForeign, ImageForeign, AbacTags, QuotaHeadroom, QuotaHeadroomWarning, QuotaExhausted, QuotaNonAdjustable,
    ];
}

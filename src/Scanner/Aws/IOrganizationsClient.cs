using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The AWS Organizations operations the collector calls, from the management account or a delegated
/// administrator: the tree (roots, OUs, accounts), the SCPs and RCPs attached to each node, and each policy's text.
/// Lists come whole (every page); each entry as AWS answers it, timestamps as the AWS CLI prints them.
/// https://docs.aws.amazon.com/organizations/latest/APIReference/API_Operations.html
/// </summary>
internal interface IOrganizationsClient
{
    /// <summary><c>ListRoots</c>: the <c>Roots</c> entries (an organisation has one).</summary>
    IAsyncEnumerable<JsonElement> ListRootsAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary><c>ListOrganizationalUnitsForParent</c>: the OUs directly under a root or OU.</summary>
    IAsyncEnumerable<JsonElement> ListOrganizationalUnitsForParentAsync(AwsContext context, string parentId, CancellationToken cancellationToken);

    /// <summary><c>ListAccountsForParent</c>: the accounts directly under a root or OU.</summary>
    IAsyncEnumerable<JsonElement> ListAccountsForParentAsync(AwsContext context, string parentId, CancellationToken cancellationToken);

    /// <summary><c>ListPoliciesForTarget</c>: the policies of one type (<c>SERVICE_CONTROL_POLICY</c>, <c>RESOURCE_CONTROL_POLICY</c>) attached directly to a root, OU or account.</summary>
    IAsyncEnumerable<JsonElement> ListPoliciesForTargetAsync(AwsContext context, string targetId, string filter, CancellationToken cancellationToken);

    /// <summary><c>DescribePolicy</c>: the whole answer, <c>{"Policy": {"PolicySummary": ..., "Content": "..."}}</c>.</summary>
    Task<JsonElement> DescribePolicyAsync(AwsContext context, string policyId, CancellationToken cancellationToken);
}

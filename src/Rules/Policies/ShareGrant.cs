namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One account, group or organization a resource is shared with outside a policy: a snapshot's
/// createVolumePermission, an AMI's launch permission, an RDS snapshot's restore attribute, a bucket
/// ACL grant, the other side of a VPC peering. Classified against the estate like an <see cref="AccessGrant"/>.
/// </summary>
/// <param name="Grantee">As AWS names it: an account id, <c>all</c>, a group, a canonical user id, an organization ARN.</param>
/// <param name="Kind">Who it is, relative to the resource's owner.</param>
/// <param name="Description">A phrase naming the grantee and its relation, for a message.</param>
public sealed record ShareGrant(string Grantee, GrantKind Kind, string Description)
{
    /// <summary>Another customer, an unknown account, or anyone: what segregation forbids.</summary>
    public bool IsForeign => Kind is GrantKind.OtherCustomer or GrantKind.UnknownAccount or GrantKind.Public;

    public override string ToString() => Description;
}

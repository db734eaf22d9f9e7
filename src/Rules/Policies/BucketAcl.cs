using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The grants of an S3 bucket's ACL, from supplementaryConfiguration.AccessControlList as AWS Config
/// records it (a JSON string: grantList of {grantee, permission}, the grantee a canonical user
/// {"id": ...}, a group name such as "AllUsers", or an email {"identifier": ...}) or as
/// <c>aws s3api get-bucket-acl</c> returns it (Grants of {Grantee: {Type, ID | URI | EmailAddress}, Permission}).
/// Grants to the bucket owner's canonical user are the owner's; the LogDelivery group is the S3 log
/// delivery service; AllUsers and AuthenticatedUsers (any AWS account) are public; any other canonical
/// user or email is an account we cannot map to the estate (canonical ids are not account ids).
/// See https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
/// </summary>
public static class BucketAcl
{
    private const string GroupsPrefix = "http://acs.amazonaws.com/groups/";

    /// <summary>The ACL's grants, classified; null when no ACL was recorded.</summary>
    public static IReadOnlyList<ShareGrant>? Grants(Resource bucket)
    {
        if (bucket.Supplementary("AccessControlList") is not { } recorded || JsonPath.Unwrap(recorded) is not { ValueKind: JsonValueKind.Object } acl)
        {
            return null;
        }
        var owner = Text(JsonPath.Find(acl, "owner", "id")) ?? Text(JsonPath.Find(acl, "Owner", "ID"));
        var list = JsonPath.Find(acl, "grantList") ?? JsonPath.Find(acl, "Grants");
        if (list is not { ValueKind: JsonValueKind.Array } grants)
        {
            return [];
        }
        return grants.EnumerateArray().Select(g => Classify(g, owner)).ToList();
    }

    private static ShareGrant Classify(JsonElement grant, string? owner)
    {
        var permission = Text(JsonPath.Find(grant, "permission")) ?? "";
        var grantee = JsonPath.Find(grant, "grantee");
        var group = grantee is { ValueKind: JsonValueKind.String } g ? g.GetString()! : Text(JsonPath.Find(grantee ?? default, "URI"));
        if (group is not null)
        {
            var name = group.StartsWith(GroupsPrefix, StringComparison.OrdinalIgnoreCase) ? group[(group.LastIndexOf('/') + 1)..] : group;
            return name switch
            {
                "AllUsers" => new(name, GrantKind.Public, $"{permission} to AllUsers (anyone, without signing in)"),
                "AuthenticatedUsers" => new(name, GrantKind.Public, $"{permission} to AuthenticatedUsers (any AWS account)"),
                "LogDelivery" => new(name, GrantKind.Service, $"{permission} to LogDelivery (the S3 log delivery service)"),
                _ => new(name, GrantKind.UnknownAccount, $"{permission} to group {name} (not a group we know)"),
            };
        }
        var id = Text(JsonPath.Find(grantee ?? default, "id"));
        if (id is not null)
        {
            return id == owner
                ? new(id, GrantKind.Own, $"{permission} to the bucket owner")
                : new(id, GrantKind.UnknownAccount, $"{permission} to canonical user {id} (not the bucket owner; an account we cannot map to the estate)");
        }
        var email = Text(JsonPath.Find(grantee ?? default, "identifier")) ?? Text(JsonPath.Find(grantee ?? default, "EmailAddress")) ?? "an unreadable grantee";
        return new(email, GrantKind.UnknownAccount, $"{permission} to {email} (an account we cannot map to the estate)");
    }

    private static string? Text(JsonElement? element) => element is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;
}

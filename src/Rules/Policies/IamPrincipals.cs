using System.Runtime.CompilerServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The policies of an IAM user, role or group, from either shape an IAM entity arrives in: an entry of
/// <c>get-account-authorization-details</c> (PascalCase: UserPolicyList, AttachedManagedPolicies,
/// GroupList) or an AWS Config item (camelCase: userPolicyList, attachedManagedPolicies, groupList,
/// documents URL-encoded). Property lookups are case-insensitive, so one walk serves both.
/// </summary>
public static class IamPrincipals
{
    public const string UserType = "AWS::IAM::User";
    public const string RoleType = "AWS::IAM::Role";
    public const string GroupType = "AWS::IAM::Group";
    public const string PolicyType = "AWS::IAM::Policy";

    /// <summary>
    /// Every identity-based policy of the principal: inline, attached managed (the default version, from
    /// the AWS::IAM::Policy resource in the inventory) and, for a user, its groups' inline and attached
    /// policies (groups found by name in the user's account).
    /// </summary>
    public static IReadOnlyList<PolicyDocument> PoliciesOf(Resource principal, Inventory inventory) =>
        Collected(principal, inventory).Policies;

    /// <summary>The same, naming in <paramref name="unresolved"/> each policy that could not be found.</summary>
    internal static IReadOnlyList<PolicyDocument> PoliciesOf(Resource principal, Inventory inventory, List<string> unresolved)
    {
        var collected = Collected(principal, inventory);
        unresolved.AddRange(collected.Unresolved);
        return collected.Policies;
    }

    /// <summary>
    /// The principal's policies and what could not be found, read once per principal and inventory: the IAM rules
    /// each ask (its permissions, its unused services), and reading parses every inline policy.
    /// </summary>
    private static CollectedPolicies Collected(Resource principal, Inventory inventory)
    {
        if (PoliciesRead.TryGetValue(principal, out var known) && known.Inventory == inventory)
        {
            return known;
        }
        var unresolved = new List<string>();
        var policies = Collect(principal, inventory, unresolved);
        var collected = new CollectedPolicies(inventory, Frozen.List(policies), Frozen.List(unresolved));
        PoliciesRead.AddOrUpdate(principal, collected);
        return collected;
    }

    private sealed record CollectedPolicies(Inventory Inventory, IReadOnlyList<PolicyDocument> Policies, IReadOnlyList<string> Unresolved);

    private static readonly ConditionalWeakTable<Resource, CollectedPolicies> PoliciesRead = new();

    /// <summary>The principal's effective permissions; what could not be found is listed in <see cref="PermissionSet.Unresolved"/>.</summary>
    public static PermissionSet PermissionsOf(Resource principal, Inventory inventory, DateTimeOffset now) =>
        PermissionsOf(principal, inventory, now, OrganizationView.NotConfigured);

    /// <summary>
    /// The principal's effective permissions within the SCPs over its account, when the organisation was read
    /// (they do not restrict the management account or service-linked roles).
    /// </summary>
    public static PermissionSet PermissionsOf(Resource principal, Inventory inventory, DateTimeOffset now, OrganizationView organization)
    {
        // Several rules ask for the same principal in one scan: work its permissions out once.
        if (Permissions.TryGetValue(principal, out var known) && known.Inventory == inventory && known.Now == now && known.Organization == organization)
        {
            return known.Permissions;
        }
        var unresolved = new List<string>();
        var policies = PoliciesOf(principal, inventory, unresolved);
        var serviceControl = organization.Organization is { } org
            ? ServiceControlLimit.For(org, principal.AccountId, IsServiceLinked(principal), now, RequestPrincipalOf(principal))
            : null;
        var permissions = PermissionsBoundaries.Apply(principal, policies, inventory, now, unresolved, serviceControl, set => Shared(inventory, now, set));
        Permissions.AddOrUpdate(principal, new KnownPermissions(inventory, now, organization, permissions));
        return permissions;
    }

    /// <summary>
    /// The set an earlier principal of the inventory has with the same <see cref="PermissionSet.SharingKey"/>, else this
    /// one: most principals of an account hold one of a few permission sets, and a set keeps every answer it has
    /// worked out, so each question is decided once per set rather than once per principal.
    /// </summary>
    private static PermissionSet Shared(Inventory inventory, DateTimeOffset now, PermissionSet permissions) =>
        permissions.SharedIn(SharedSets.GetValue(inventory, static _ => new()).GetOrAdd(now, static _ => new(StringComparer.Ordinal)));

    private static readonly ConditionalWeakTable<Inventory, System.Collections.Concurrent.ConcurrentDictionary<DateTimeOffset, System.Collections.Concurrent.ConcurrentDictionary<string, PermissionSet>>> SharedSets = new();

    /// <summary>Who a user or role is when it makes a request (a role through a session of it); null for a group.</summary>
    private static RequestPrincipal? RequestPrincipalOf(Resource principal) => principal.Type switch
    {
        UserType => RequestPrincipal.User(principal.Arn),
        RoleType => RequestPrincipal.RoleSession(principal.Arn),
        _ => null,
    };

    /// <summary>A role under <c>/aws-service-role/</c>: AWS services assume it, and no SCP restricts it.</summary>
    public static bool IsServiceLinked(Resource principal) =>
        principal.Type == RoleType && principal.Arn.Contains(":role/aws-service-role/", StringComparison.Ordinal);

    private sealed record KnownPermissions(Inventory Inventory, DateTimeOffset Now, OrganizationView Organization, PermissionSet Permissions);

    private static readonly ConditionalWeakTable<Resource, KnownPermissions> Permissions = new();

    /// <summary>A role's trust policy (AssumeRolePolicyDocument), or null when the resource has none.</summary>
    public static PolicyDocument? TrustPolicyOf(Resource role) =>
        // Asked of every role by several rules, and of every role of the account for each principal that may pass one.
        Trusts.GetValue(role, static role => new(role.Config("AssumeRolePolicyDocument") is { } document && document.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? PolicyDocument.Parse(document, $"the trust policy of {role.DisplayName}")
            : null)).Value;

    private static readonly ConditionalWeakTable<Resource, StrongBox<PolicyDocument?>> Trusts = new();

    /// <summary>The default version of a managed policy resource (PolicyVersionList entry with IsDefaultVersion).</summary>
    public static PolicyDocument? DefaultVersionOf(Resource policy) =>
        // A managed policy is attached to many principals: read it once per resource, not once per principal.
        Engine.SharedData.GetValue(DefaultVersions, policy, static p => new StrongBox<PolicyDocument?>(ReadDefaultVersion(p))).Value;

    private static readonly ConditionalWeakTable<Resource, StrongBox<PolicyDocument?>> DefaultVersions = new();

    /// <summary>A managed policy by ARN: from the inventory, else AWS's text when it is one we carry; null when neither has it.</summary>
    internal static PolicyDocument? ManagedPolicy(string arn, string name, Inventory inventory) =>
        inventory.Find(arn) is { } policy ? DefaultVersionOf(policy) : WellKnownPolicies.Find(arn, name);

    private static PolicyDocument? ReadDefaultVersion(Resource policy)
    {
        if (policy.Config("PolicyVersionList") is not { ValueKind: JsonValueKind.Array } versions)
        {
            return null;
        }
        var list = versions.EnumerateArray().ToList();
        var defaultId = policy.ConfigString("DefaultVersionId");
        var chosen = list.FirstOrDefault(v => JsonPath.Find(v, "IsDefaultVersion") is { } flag
                && (flag.ValueKind == JsonValueKind.True || (flag.ValueKind == JsonValueKind.String && flag.GetString() == "true")))
            is { ValueKind: JsonValueKind.Object } byFlag ? byFlag
            : list.FirstOrDefault(v => defaultId is not null && JsonPath.Find(v, "VersionId")?.ToString() == defaultId) is { ValueKind: JsonValueKind.Object } byId ? byId
            : list.Count == 1 ? list[0] : default;
        return chosen.ValueKind == JsonValueKind.Object && JsonPath.Find(chosen, "Document") is { } document
            ? PolicyDocument.Parse(document, $"managed policy {policy.DisplayName}")
            : null;
    }

    private static List<PolicyDocument> Collect(Resource principal, Inventory inventory, List<string> unresolved)
    {
        var policies = new List<PolicyDocument>();
        switch (principal.Type)
        {
            case UserType:
                AddOwn(principal, "", policies, inventory, unresolved);
                foreach (var groupName in Strings(principal.Config("GroupList")))
                {
                    var group = inventory.OfType(GroupType, principal.AccountId)
                        .FirstOrDefault(g => string.Equals(NameOf(g, "GroupName"), groupName, StringComparison.OrdinalIgnoreCase));
                    if (group is null)
                    {
                        unresolved.Add($"group {groupName}");
                        continue;
                    }
                    var viaGroup = ViaGroup(group, groupName, inventory);
                    if (viaGroup.Policies.Count > 0 && policies.Contains(viaGroup.Policies[0]))
                    {
                        // The group listed twice: the second time in copies of their own, as each listing always had.
                        AddOwn(group, $" (via group {groupName})", policies, inventory, unresolved);
                        continue;
                    }
                    policies.AddRange(viaGroup.Policies);
                    unresolved.AddRange(viaGroup.Unresolved);
                }
                break;
            case RoleType:
                AddOwn(principal, "", policies, inventory, unresolved);
                break;
            case GroupType:
                AddOwn(principal, "", policies, inventory, unresolved);
                break;
        }
        return policies;
    }

    /// <summary>
    /// A group's policies as its members hold them, named "(via group NAME)": read once per group and inventory for all
    /// its members (each member made a renamed copy of every statement of every policy of each of its groups). A
    /// member that spells the group's name in another case gets its own, as it did.
    /// </summary>
    private static GroupPolicies ViaGroup(Resource group, string groupName, Inventory inventory)
    {
        if (GroupsRead.TryGetValue(group, out var known) && known.Inventory == inventory && known.GroupName == groupName)
        {
            return known;
        }
        var policies = new List<PolicyDocument>();
        var unresolved = new List<string>();
        AddOwn(group, $" (via group {groupName})", policies, inventory, unresolved);
        var read = new GroupPolicies(inventory, groupName, Frozen.List(policies), Frozen.List(unresolved));
        GroupsRead.AddOrUpdate(group, read);
        return read;
    }

    private sealed record GroupPolicies(Inventory Inventory, string GroupName, IReadOnlyList<PolicyDocument> Policies, IReadOnlyList<string> Unresolved);

    private static readonly ConditionalWeakTable<Resource, GroupPolicies> GroupsRead = new();

    private static void AddOwn(Resource entity, string via, List<PolicyDocument> policies, Inventory inventory, List<string> unresolved)
    {
        foreach (var document in InlinePoliciesOf(entity))
        {
            policies.Add(via.Length == 0 ? document : document.WithName(document.Name + via));
        }
        foreach (var attached in Items(entity.Config("AttachedManagedPolicies")))
        {
            var arn = JsonPath.Find(attached, "PolicyArn")?.ToString() ?? "";
            var name = JsonPath.Find(attached, "PolicyName")?.ToString() ?? arn;
            var document = ManagedPolicy(arn, name, inventory);
            if (document is null)
            {
                unresolved.Add($"managed policy {name}{via}");
                continue;
            }
            policies.Add(via.Length == 0 ? document : document.WithName(document.Name + via));
        }
    }

    /// <summary>
    /// The inline policies written on a user, role or group (UserPolicyList, RolePolicyList, GroupPolicyList), each named "inline policy
    /// NAME": parsed once per resource, since its permissions and each rule judging the policies written on it ask, and a
    /// group's for every member. A document that cannot be read throws each time it is asked, as parsing it did.
    /// </summary>
    internal static IReadOnlyList<PolicyDocument> InlinePoliciesOf(Resource entity) =>
        InlinePolicies.GetValue(entity, static e => Frozen.List(ReadInline(e)));

    private static readonly ConditionalWeakTable<Resource, IReadOnlyList<PolicyDocument>> InlinePolicies = new();

    private static List<PolicyDocument> ReadInline(Resource entity)
    {
        var policies = new List<PolicyDocument>();
        var inlineList = entity.Type switch
        {
            UserType => "UserPolicyList",
            RoleType => "RolePolicyList",
            GroupType => "GroupPolicyList",
            _ => null,
        };
        if (inlineList is null)
        {
            return policies;
        }
        foreach (var inline in Items(entity.Config(inlineList)))
        {
            if (JsonPath.Find(inline, "PolicyDocument") is { } document)
            {
                policies.Add(PolicyDocument.Parse(document, $"inline policy {JsonPath.Find(inline, "PolicyName")?.ToString() ?? "(unnamed)"}"));
            }
        }
        return policies;
    }

    private static string NameOf(Resource entity, string property) =>
        entity.ConfigString(property) is { Length: > 0 } name ? name : entity.Name;

    private static IEnumerable<JsonElement> Items(JsonElement? list) =>
        list is { } element && JsonPath.Unwrap(element) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private static IEnumerable<string> Strings(JsonElement? list) =>
        Items(list).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!);
}

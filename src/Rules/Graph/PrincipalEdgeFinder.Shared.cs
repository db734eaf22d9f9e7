using Ocado.Guardrails.Rules.Policies;
using static Ocado.Guardrails.Rules.Graph.PrincipalGraphBuilder;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// sts:AssumeRole answers shared across accounts. A permission set's holders asking a trust group's roles get
/// the answer that any other pair gets whose texts are the same once the two accounts are renamed: the caller's
/// policies with its own account written <c>{C}</c>, the trust with the role's account written <c>{R}</c> (and the
/// caller's, <c>{C}</c>), the same or another account, the same partitions, and the same organisation around
/// them (the SCPs over the caller's account, the RCP Denies over the role's, whether each is a member, and
/// their organisation paths where the trust asks for them). Renaming both accounts everywhere changes no
/// answer of AWS's; only the organisation's own data is not renamed, so it is part of the key. So a trust of
/// <c>"*"</c>, or one naming the caller's account, copied into every account, is asked once per kind of
/// permission set, not once per pair of accounts. The step keeps where its granting statements sit, so that
/// each edge names the pair's own statements.
/// </summary>
internal sealed partial class PrincipalEdgeFinder
{
    private const string CallerMark = "{C}";
    private const string RoleMark = "{R}";

    private readonly Dictionary<SharedKey, SharedStep> _sharedSteps = [];
    private readonly Dictionary<(PermissionClass, string), (string Shape, int Id)> _shapes = [];
    // By trust group: its trust's shape, and whether the trust asks for organisation paths (names OrgPaths).
    private readonly Dictionary<int, (string Shape, int Id, bool Paths)> _trustShapes = [];
    private readonly Dictionary<(string Caller, string Role, bool Paths), int> _controls = [];

    // The key's texts (policies, trusts, SCPs: kilobytes each) by number, each text numbered once: a key is then
    // hashed and compared as a few numbers, not as its texts, for each of the million pairs asked.
    private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _serviceControls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _signatures = new(StringComparer.Ordinal);

    /// <summary>How many sts:AssumeRole questions the shared steps saved (answered from an earlier pair).</summary>
    public int SharedReuses { get; private set; }

    /// <param name="Caller">The caller's shape (see <see cref="TextId"/>), as the others.</param>
    /// <param name="Pinned">The role's account when the caller's policies name it (then not renamed), else empty.</param>
    private readonly record struct SharedKey(int Caller, int Trust, PrincipalNodeKind Kind, bool SameAccount, string Pinned, string CallerPartition, string RolePartition, int Controls);

    /// <summary>The number of a text of the key: equal texts, equal numbers.</summary>
    private int TextId(string text)
    {
        if (!_texts.TryGetValue(text, out var id))
        {
            _texts[text] = id = _texts.Count;
        }
        return id;
    }

    /// <summary>An answer, with its granting statements by position: the identity statement (policy, statement) and the trust statement, -1 for none.</summary>
    private sealed record SharedStep(bool Allowed, bool Uncertain, int Policy, int Statement, int TrustStatement);

    /// <summary>The edge from the holders group into the trust group, decided once for every pair of accounts alike.</summary>
    private void AddSharedAssume(int holders, int group, PrincipalInfo caller, PrincipalInfo role, string roleAccount)
    {
        var key = SharedKeyOf(caller, role, roleAccount, group);
        if (_sharedSteps.TryGetValue(key, out var step))
        {
            SharedReuses++;
        }
        else
        {
            var answer = Ask(caller, "sts:AssumeRole", role.Arn, roleAccount, role.Trust);
            step = StepOf(answer, caller, role);
            if (step is null)
            {
                // A statement not found where its text says it is: never shared, asked for this pair alone.
                Add(_nodes[holders], _nodes[group], PrincipalEdgeKind.AssumeRole, answer);
                return;
            }
            _sharedSteps[key] = step;
        }
        if (!step.Allowed)
        {
            return;
        }
        var grant = step.Policy >= 0 ? caller.Class.Permissions.Policies[step.Policy].Statements[step.Statement] : null;
        var trust = step.TrustStatement >= 0 ? role.Trust!.Statements[step.TrustStatement] : null;
        AddStep(_nodes[holders], _nodes[group], PrincipalEdgeKind.AssumeRole, grant ?? trust, trust, step.Uncertain);
    }

    private SharedKey SharedKeyOf(PrincipalInfo caller, PrincipalInfo role, string roleAccount, int group)
    {
        var callerAccount = caller.AccountId;
        var same = callerAccount == roleAccount;
        if (!_shapes.TryGetValue((caller.Class, callerAccount), out var callerShape))
        {
            var shape = caller.Class.Key.Replace(callerAccount, CallerMark, StringComparison.Ordinal);
            _shapes[(caller.Class, callerAccount)] = callerShape = (shape, TextId(shape));
        }
        if (!_trustShapes.TryGetValue(group, out var trustShape))
        {
            var shape = role.TrustText.Replace(roleAccount, RoleMark, StringComparison.Ordinal);
            _trustShapes[group] = trustShape = (shape, TextId(shape), role.TrustText.Contains("OrgPaths", StringComparison.OrdinalIgnoreCase));
        }
        var trust = trustShape.Id;
        if (!same && trustShape.Shape.Contains(callerAccount, StringComparison.Ordinal))
        {
            trust = TextId(trustShape.Shape.Replace(callerAccount, CallerMark, StringComparison.Ordinal));
        }
        // The role's account named in the caller's own policies is not renamed there: the pair is then its own.
        var pinned = !same && callerShape.Shape.Contains(roleAccount, StringComparison.Ordinal) ? roleAccount : "";
        var paths = trustShape.Paths;
        if (!_controls.TryGetValue((callerAccount, roleAccount, paths), out var controls))
        {
            _controls[(callerAccount, roleAccount, paths)] = controls = TextId(Controls(callerAccount, roleAccount, paths));
        }
        return new SharedKey(callerShape.Id, trust, caller.Kind, same, pinned, caller.Partition, role.Partition, controls);
    }

    /// <summary>The organisation around the pair, as text: what renaming the accounts does not rename.</summary>
    /// <param name="withPaths">Whether the trust asks for organisation paths (names <c>OrgPaths</c>).</param>
    private string Controls(string callerAccount, string roleAccount, bool withPaths)
    {
        if (_organization is null)
        {
            return "";
        }
        var paths = withPaths
            ? _organization.OrgPathOf(callerAccount) + "|" + _organization.OrgPathOf(roleAccount)
            : "";
        return ServiceControls(callerAccount) + "\u001c" + _organization.IsMember(roleAccount) + ResourceControls(roleAccount) + "\u001c" + paths;
    }

    /// <summary>The SCPs over the account, level by level, as text (and the account itself where they name it).</summary>
    private string ServiceControls(string account)
    {
        if (!_serviceControls.TryGetValue(account, out var signature))
        {
            var organization = _organization!;
            var levels = string.Join("\u001d", organization.PathOf(account)
                .Select(level => string.Join("\u001e", level.ServiceControlPolicies.SelectMany(p => p.Statements).Select(s => s.Json))));
            var role = !organization.IsMember(account) ? "outside" : account == organization.ManagementAccountId ? "management" : "member";
            _serviceControls[account] = signature = role + "\u001d" + levels + (levels.Contains(account, StringComparison.Ordinal) ? "\u001d" + account : "");
        }
        return signature;
    }

    /// <summary>
    /// The RCP Denies over the account that name sts:AssumeRole, as text: the role's side of an answer that is
    /// not the role's own. (An RCP's Allow is RCPFullAWSAccess, the same everywhere.)
    /// </summary>
    private string ResourceControls(string account)
    {
        if (_organization is null || !_organization.IsMember(account))
        {
            return "";
        }
        if (!_signatures.TryGetValue(account, out var signature))
        {
            signature = string.Join("\u001d", _organization.PathOf(account)
                .Select(level => string.Join("\u001e", level.ResourceControlPolicies.SelectMany(p => p.Statements)
                    .Where(s => !s.IsAllow && StatementMatch.DenyNamesSome(s, "sts:AssumeRole")).Select(s => s.Json))));
            _signatures[account] = signature += signature.Contains(account, StringComparison.Ordinal) ? "\u001d" + account : "";
        }
        return signature;
    }

    /// <summary>The answer with its granting statements located in the caller's policies and the role's trust; null when one is not found.</summary>
    private static SharedStep? StepOf(AccessAnswer answer, PrincipalInfo caller, PrincipalInfo role)
    {
        var resource = Granting(answer, "resource-based policy");
        var identity = Granting(answer, "identity-based policies");
        var trustIndex = resource is null ? -1 : IndexOf(role.Trust!.Statements, resource);
        var (policy, statement) = (-1, -1);
        var policies = caller.Class.Permissions.Policies;
        for (var p = 0; identity is not null && p < policies.Count && statement < 0; p++)
        {
            (policy, statement) = (p, IndexOf(policies[p].Statements, identity));
        }
        if ((resource is not null && trustIndex < 0) || (identity is not null && statement < 0))
        {
            return null;
        }
        return new SharedStep(answer.Allowed, answer.Uncertain, identity is null ? -1 : policy, statement, trustIndex);
    }

    private static int IndexOf(IReadOnlyList<PolicyStatement> statements, PolicyStatement statement)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            if (ReferenceEquals(statements[i], statement))
            {
                return i;
            }
        }
        return -1;
    }
}

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One statement of a policy, every element as a list whatever shape the JSON gave it, and the
/// statement's own JSON text (<see cref="Json"/>) so that a report can show the statement at fault.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
/// </summary>
public sealed class PolicyStatement
{
    public string? Sid { get; init; }
    /// <summary>Position in the document, from 0.</summary>
    public int Index { get; init; }
    /// <summary>The policy the statement came from (a policy name, "bucket policy"...), when the caller named it.</summary>
    public string? PolicyName { get; init; }
    public required PolicyEffect Effect { get; init; }
    private readonly IReadOnlyList<string> _actions = Frozen.List<string>(null);
    public IReadOnlyList<string> Actions { get => _actions; init => _actions = Frozen.List(value); }
    private readonly IReadOnlyList<string> _notActions = Frozen.List<string>(null);
    public IReadOnlyList<string> NotActions { get => _notActions; init => _notActions = Frozen.List(value); }
    /// <summary>
    /// The resources; a statement with neither Resource nor NotResource (a resource policy, where the
    /// resource is implied, such as an ECR repository policy) reads as <c>"*"</c>.
    /// </summary>
    private readonly IReadOnlyList<string> _resources = Frozen.List<string>(["*"]);
    public IReadOnlyList<string> Resources { get => _resources; init => _resources = Frozen.List(value); }
    private readonly IReadOnlyList<string> _notResources = Frozen.List<string>(null);
    public IReadOnlyList<string> NotResources { get => _notResources; init => _notResources = Frozen.List(value); }
    private readonly IReadOnlyList<PolicyPrincipal> _principals = Frozen.List<PolicyPrincipal>(null);
    public IReadOnlyList<PolicyPrincipal> Principals { get => _principals; init => _principals = Frozen.List(value); }
    private readonly IReadOnlyList<PolicyPrincipal> _notPrincipals = Frozen.List<PolicyPrincipal>(null);
    public IReadOnlyList<PolicyPrincipal> NotPrincipals { get => _notPrincipals; init => _notPrincipals = Frozen.List(value); }
    private readonly IReadOnlyList<PolicyCondition> _conditions = Frozen.List<PolicyCondition>(null);
    public IReadOnlyList<PolicyCondition> Conditions { get => _conditions; init => _conditions = Frozen.List(value); }
    /// <summary>The statement exactly as the document held it (untrusted text: escape it wherever it is shown).</summary>
    public string Json { get; init; } = "{}";

    /// <summary>
    /// Whether <see cref="Json"/> was read from a document the policy reader parsed with the default options, so reads
    /// back as JSON under them: findings write it without checking it again. Set by the reader alone (a statement made
    /// any other way is checked, and shown as text when it is not JSON).
    /// </summary>
    internal bool JsonIsValid { get; init; }

    public bool IsAllow => Effect == PolicyEffect.Allow;

    // Worked out once per statement: the evaluator asks about the same statements for every question.
    private IReadOnlyList<string>? _realNotActions;
    private IReadOnlyList<string>? _realNotResources;

    /// <summary>The NotAction names that can name a real action (see <see cref="StatementMatch.ActionNamesSomething"/>).</summary>
    internal IReadOnlyList<string> RealNotActions => _realNotActions ??= NotActions.Where(StatementMatch.ActionNamesSomething).ToArray();

    /// <summary>The NotResource patterns that can match a resource (see <see cref="StatementMatch.ResourceNamesSomething"/>).</summary>
    internal IReadOnlyList<string> RealNotResources => _realNotResources ??= NotResources.Where(StatementMatch.ResourceNamesSomething).ToArray();

    // Written once per statement: the resource-policy rules describe every principal a statement admits, on every resource.
    private string? _actionsText;
    private string? _label;

    /// <summary>The actions as a reader would name them: <c>iam:PassRole, ec2:RunInstances</c> or <c>everything but iam:*</c>.</summary>
    public string ActionsText => _actionsText ??=
        NotActions.Count > 0 ? $"every action but {string.Join(", ", NotActions)}" : string.Join(", ", Actions);

    /// <summary>How a message names the statement: <c>statement 'Sid'</c> or <c>statement #2</c>, with its policy when known.</summary>
    public string Label => _label ??= WriteLabel();

    private string WriteLabel()
    {
        var statement = string.IsNullOrEmpty(Sid) ? $"statement #{Index + 1}" : $"statement '{Sid}'";
        return PolicyName is null ? statement : $"{statement} of {PolicyName}";
    }

    public override string ToString() => $"{Effect} {ActionsText} ({Label})";

    /// <summary>The same statement with other conditions (those already decided taken out).</summary>
    internal PolicyStatement WithConditions(IReadOnlyList<PolicyCondition> conditions) => new()
    {
        Sid = Sid, Index = Index, PolicyName = PolicyName, Effect = Effect, Actions = Actions, NotActions = NotActions,
        Resources = Resources, NotResources = NotResources, Principals = Principals, NotPrincipals = NotPrincipals,
        Conditions = conditions, Json = Json, JsonIsValid = JsonIsValid,
    };

    /// <summary>The same statement at another place or in another named policy.</summary>
    internal PolicyStatement With(int index, string? policyName) => new()
    {
        Sid = Sid, Index = index, PolicyName = policyName, Effect = Effect, Actions = Actions, NotActions = NotActions,
        Resources = Resources, NotResources = NotResources, Principals = Principals, NotPrincipals = NotPrincipals,
        Conditions = Conditions, Json = Json, JsonIsValid = JsonIsValid,
    };
}

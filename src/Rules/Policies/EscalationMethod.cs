namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One way for a principal to gain more privileges than it has, and the permissions it needs
/// (all of them, on some resource in the principal's account).
/// </summary>
/// <param name="Id">Stable id: <c>rhino-3</c>, or the pathfinding.cloud path id (<c>ssm-002</c>).</param>
/// <param name="Title">What the method does.</param>
/// <param name="Source">Where it is documented, with its number or id there.</param>
/// <param name="Permissions">The actions it needs, every one.</param>
public sealed record EscalationMethod(string Id, string Title, string Source, IReadOnlyList<string> Permissions)
{
    private readonly IReadOnlyList<string> _permissions = Frozen.List(Permissions);

    public IReadOnlyList<string> Permissions { get => _permissions; init => _permissions = Frozen.List(value); }

    public override string ToString() => $"{Title} ({Source}: {string.Join(" + ", Permissions)})";
}

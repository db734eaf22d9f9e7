namespace Ocado.Guardrails.Rules.Engine;

/// <summary>A compiled rule: its header, where it came from, and a way to make a fresh script instance.</summary>
public sealed class Rule
{
    private readonly Func<RuleScript> _create;

    internal Rule(RuleHeader header, string path, Func<RuleScript> create)
    {
        Header = header;
        Path = path;
        _create = create;
    }

    public RuleHeader Header { get; }
    public string Path { get; }
    public string Id => Header.Id;
    public string Family => Header.Family;

    internal RuleScript CreateScript() => _create();

    /// <summary>The same rule reporting at another severity (guardrails.yaml's <c>severity:</c>).</summary>
    internal Rule WithSeverity(Severity severity) => new(Header with { Severity = severity }, Path, _create);

    public override string ToString() => Id;
}

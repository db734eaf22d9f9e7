namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// The catalog could not be loaded. Each error reads <c>path(line,col): error CODE: message</c>,
/// the form editors and CI annotate.
/// </summary>
public sealed class RuleLoadException : Exception
{
    public RuleLoadException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}

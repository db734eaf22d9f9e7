namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>guardrails.yaml is missing or wrong; <see cref="Exception.Message"/> lists every problem at once.</summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(string path, IReadOnlyList<string> errors)
        : base($"{path} is not valid:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}") =>
        Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}

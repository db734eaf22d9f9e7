namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>A template that cannot be read; the message names the file and, when known, the line.</summary>
internal sealed class TemplateException(string path, string message) : Exception($"{path}: {message}")
{
    public string TemplatePath { get; } = path;
}

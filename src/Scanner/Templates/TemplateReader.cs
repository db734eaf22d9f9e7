namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>Reads a CloudFormation template in JSON or YAML, deciding by content (a JSON template starts with '{').</summary>
internal static class TemplateReader
{
    public static CfnTemplate Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new TemplateException(path, "no such file");
        }
        var text = File.ReadAllText(path);
        return text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{')
            ? JsonTemplateReader.Read(path, text)
            : YamlTemplateReader.Read(path, text);
    }
}

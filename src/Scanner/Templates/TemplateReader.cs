namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>Reads a CloudFormation template in JSON or YAML, deciding by content (a JSON template starts with '{').</summary>
internal static class TemplateReader
{
    /// <summary>The template, read as every input is (a regular file, bounded, valid UTF-8; README, "Limits"), or a <see cref="TemplateException"/>.</summary>
    public static CfnTemplate Read(string path)
    {
        if (!File.Exists(path) && !Configuration.InputFile.Exists(path))
        {
            throw new TemplateException(path, "no such file");
        }
        string text;
        try
        {
            text = System.Text.Encoding.UTF8.GetString(Configuration.InputFile.ReadText(path, null, Configuration.InputLimits.Default));
        }
        catch (Configuration.InputFileException ex)
        {
            throw new TemplateException(path, ex.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? ex.Message[(path.Length + 2)..] : ex.Message);
        }
        return text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{')
            ? JsonTemplateReader.Read(path, text)
            : YamlTemplateReader.Read(path, text);
    }
}

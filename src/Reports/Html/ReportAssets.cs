using System.Security.Cryptography;
using System.Text;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// The report's stylesheet and script, embedded in this assembly and inlined into every report so
/// that it works offline. Their hashes make a Content-Security-Policy that lets only these two run:
/// should an escaping bug ever let markup through, an injected handler or script is still refused.
/// </summary>
internal static class ReportAssets
{
    public static string Css { get; } = Load("report.css", "</style");

    public static string Script { get; } = Load("report.js", "</script");

    /// <summary>See https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy#hash-algorithm-base64-value</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{Hash(Css)}'; script-src '{Hash(Script)}'; base-uri 'none'; form-action 'none'";

    internal static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Load(string name, string closingTag)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"The report asset {name} is not embedded in {typeof(ReportAssets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        if (text.Contains(closingTag, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The report asset {name} contains {closingTag}, which would end its element early.");
        }
        return text;
    }
}

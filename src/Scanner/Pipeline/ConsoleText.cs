using System.Globalization;
using System.Text;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Text from AWS or from a snapshot made printable for a terminal: control characters (C0, DEL, C1, and the
/// bidirectional overrides that reorder what is shown) become a visible <c>\u001b</c>-style escape. A gap
/// reason holding an escape sequence re-titled the terminal of whoever ran the scan (issue 13).
/// </summary>
internal static class ConsoleText
{
    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(Unsafe))
        {
            return text ?? "";
        }
        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Unsafe(c))
            {
                result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    private static bool Unsafe(char c) =>
        char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';
}

using System.Text;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>Opaque page tokens, as AWS's are: an offset the client cannot read, refused when forged.</summary>
internal static class PageToken
{
    private const string Prefix = "guardrails-test-page:";

    public static string Of(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset));

    /// <summary>The offset, 0 for no token, or null for a token this server did not issue.</summary>
    public static int? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text[Prefix.Length..], out var offset) ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>One page of a list, and the token of the next (null after the last).</summary>
    public static (List<T> Page, string? Next) Slice<T>(IReadOnlyList<T> all, int offset, int size)
    {
        var page = all.Skip(offset).Take(size).ToList();
        return (page, offset + size < all.Count ? Of(offset + size) : null);
    }
}

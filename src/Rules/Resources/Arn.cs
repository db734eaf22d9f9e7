namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// An Amazon Resource Name, parsed once: <c>arn:partition:service:region:account:resource</c>.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
/// </summary>
public sealed record Arn(string Partition, string Service, string Region, string AccountId, string Resource)
{
    /// <summary>The resource type part (<c>role</c> in <c>role/admin</c>, <c>function</c> in <c>function:f</c>), or "" when there is none.</summary>
    public string ResourceType
    {
        get
        {
            var cut = Resource.IndexOfAny(['/', ':']);
            return cut < 0 ? "" : Resource[..cut];
        }
    }

    /// <summary>The resource id after the type (<c>admin</c> in <c>role/admin</c>), or the whole resource part.</summary>
    public string ResourceId
    {
        get
        {
            var cut = Resource.IndexOfAny(['/', ':']);
            return cut < 0 ? Resource : Resource[(cut + 1)..];
        }
    }

    /// <summary>Parses an ARN; surrounding white space is ignored (AWS's own docs show one with a leading space).</summary>
    public static bool TryParse(string? text, out Arn arn)
    {
        arn = null!;
        if (text is null)
        {
            return false;
        }
        var parts = text.Trim().Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }
        arn = new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    /// <summary>Whether the text is an account id: twelve digits.</summary>
    internal static bool IsAccountId(ReadOnlySpan<char> text) => text.Length == 12 && !text.ContainsAnyExceptInRange('0', '9');

    public static Arn Parse(string text) =>
        TryParse(text, out var arn) ? arn : throw new FormatException($"'{text}' is not an ARN");

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{AccountId}:{Resource}";
}

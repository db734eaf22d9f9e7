using System.Runtime.InteropServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Whose a resource is, checked rather than believed: a resource belongs to the account whose folder holds
/// its file only when its own account id and the account its ARN names (where the ARN names one) say so too.
/// Otherwise its file is reported, never read into another account: a second <c>awsAccountId</c> or a
/// foreign ARN once moved one customer's resources into another customer's report (issue 13).
/// </summary>
internal static class Attribution
{
    /// <summary>Refuses the resource, naming where it was read, when it does not belong to <paramref name="account"/>.</summary>
    public static void Check(Resource resource, string account, Place where)
    {
        var awsManaged = resource.Type == "AWS::IAM::Policy" && resource.AccountId == AuthorizationDetails.AwsAccount;
        if (resource.AccountId != account && !awsManaged)
        {
            throw new SnapshotFormatException($"{where}: {resource.Arn} says account {resource.AccountId}, but the file is in account {account}'s folder: not attributed to either");
        }
        CheckArn(resource.Arn, account, where, allowAws: resource.Type == "AWS::IAM::Policy");
    }

    /// <summary>Refuses an ARN that names an account other than <paramref name="account"/> (AWS managed policies name "aws").</summary>
    public static void CheckArn(string arnText, string account, Place where, bool allowAws = false)
    {
        if (TryAccountOf(arnText, out var named) && named.Length > 0 && !named.SequenceEqual(account)
            && !(allowAws && named.SequenceEqual(AuthorizationDetails.AwsAccount)))
        {
            throw new SnapshotFormatException($"{where}: {arnText} names account {named}, but the file is in account {account}'s folder: not attributed to either");
        }
    }

    /// <summary>
    /// Whether the text is an ARN as <see cref="Arn.TryParse"/> reads one (trimmed, six parts split at ':', "arn",
    /// a partition and a service), and the account it names (its fifth part), without making a string of any part.
    /// </summary>
    public static bool TryAccountOf(string text, out ReadOnlySpan<char> account)
    {
        account = default;
        var rest = text.AsSpan().Trim();
        Span<Range> parts = stackalloc Range[6];
        if (rest.Split(parts, ':') < 6)
        {
            return false;
        }
        if (!rest[parts[0]].SequenceEqual("arn") || rest[parts[1]].IsEmpty || rest[parts[2]].IsEmpty)
        {
            return false;
        }
        account = rest[parts[4]];
        return true;
    }

    /// <summary>
    /// Tags in a shape AWS writes (<c>{"k": "v"}</c> or a list of key/value objects) and within the length limit:
    /// a tags value of another shape would otherwise read as "no tags", and every tagging rule would judge that.
    /// </summary>
    public static void CheckTags(JsonElement? tags, Place where, InputLimits limits)
    {
        if (tags is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        element = JsonPath.Unwrap(element);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in element.EnumerateObject())
            {
                // A tag no longer in UTF-8 than the limit is no longer in characters either: checked without a copy.
                if (JsonMarshal.GetRawUtf8PropertyName(tag).Length > limits.MaxTagLength || JsonMarshal.GetRawUtf8Value(tag.Value).Length > limits.MaxTagLength)
                {
                    Length(tag.Name, tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText(), where, limits);
                }
            }
            return;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotFormatException($"{where}: tags are {AwsJson.Kind(element)}, not an object or a list of key/value pairs");
        }
        var index = 0;
        foreach (var tag in element.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{At(where, index)} is {AwsJson.Kind(tag)}, not a key/value object");
            }
            var key = Text(tag, "key", where, index) ?? throw new SnapshotFormatException($"{At(where, index)} has no key");
            var value = Text(tag, "value", where, index);
            // As for a tag of an object: no longer in UTF-8 than the limit is no longer in characters either.
            if (JsonMarshal.GetRawUtf8Value(key).Length > limits.MaxTagLength || (value is { } text && JsonMarshal.GetRawUtf8Value(text).Length > limits.MaxTagLength))
            {
                Length(key.GetString()!, value?.GetString() ?? "", where, limits);
            }
            index++;
        }
    }

    /// <summary>
    /// A tag's key or value, refused as <see cref="AwsJson.Text"/> refuses it (neither text nor null, an escape that is no
    /// character) but made a string only when it has an escape: the Tagging API's files hold millions of them.
    /// </summary>
    private static JsonElement? Text(JsonElement tag, string name, Place where, int index)
    {
        if (!JsonPath.TryGetProperty(tag, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SnapshotFormatException($"{At(where, index)}: {name} is {AwsJson.Kind(value)}, not a string");
        }
        if (JsonMarshal.GetRawUtf8Value(value).Contains((byte)'\\'))
        {
            value.GetString();
        }
        return value;
    }

    /// <summary>Where a tag of a list is, in messages: made only when one is thrown.</summary>
    private static string At(Place where, int index) => $"{where}: tag {index}";

    private static void Length(string key, string value, Place where, InputLimits limits)
    {
        if (key.Length > limits.MaxTagLength || value.Length > limits.MaxTagLength)
        {
            throw new SnapshotFormatException(
                $"{where}: tag '{key[..Math.Min(key.Length, 40)]}' has {Math.Max(key.Length, value.Length):N0} characters; AWS allows 256 (limits.maxTagLength: {limits.MaxTagLength:N0})");
        }
    }
}

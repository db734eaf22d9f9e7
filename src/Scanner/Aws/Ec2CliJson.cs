using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// AWSSDK.EC2's answers written as the AWS CLI prints them: each member under its name in AWS's model (botocore's
/// <c>service-2.json</c>), enumerations as their strings, timestamps in ISO 8601 with <c>+00:00</c>, absent members
/// left out. The SDK names four members otherwise than the model; they are given the model's names back.
/// <c>tests/AwsServer/Ec2CliTests.cs</c> compares what this writes with the official CLI's output.
/// </summary>
internal static class Ec2CliJson
{
    /// <summary>(SDK type, SDK property) to the model's member name, where the SDK renamed it.</summary>
    private static readonly Dictionary<(string Type, string Property), string> Renamed = new()
    {
        [("IpPermission", "Ipv4Ranges")] = "IpRanges",
        [("PrefixListId", "Id")] = "PrefixListId",
        [("CidrBlock", "Cidr")] = "CidrBlock",
        [("Ipv6CidrBlock", "Value")] = "Ipv6CidrBlock",
    };

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> Members = new();

    /// <summary>A list as the CLI prints an operation's output: <c>{"Vpcs": [...]}</c>.</summary>
    public static JsonObject Output(string listName, IEnumerable<object> items) =>
        new() { [listName] = new JsonArray(items.Select(Node).ToArray()) };

    /// <summary>One SDK value as the CLI prints it; null for an absent member.</summary>
    public static JsonNode? Node(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        ConstantClass constant => JsonValue.Create(constant.Value),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        float number => JsonValue.Create(number),
        DateTime time => JsonValue.Create(IsoFormat(time)),
        IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create(Convert.ToString(k, CultureInfo.InvariantCulture)!, Node(map[k])))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(Node).ToArray()),
        _ => Structure(value),
    };

    private static JsonObject Structure(object value)
    {
        var node = new JsonObject();
        foreach (var (property, name) in Members.GetOrAdd(value.GetType(), MembersOf))
        {
            if (Node(property.GetValue(value)) is { } member)
            {
                node[name] = member;
            }
        }
        return node;
    }

    private static (PropertyInfo, string)[] MembersOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => (p, Renamed.GetValueOrDefault((type.Name, p.Name), p.Name)))
            .ToArray();

    /// <summary><c>2026-12-05T07:30:15+00:00</c>, with six digits of microseconds when there are any (as Python writes it).</summary>
    internal static string IsoFormat(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        var format = utc.Ticks % TimeSpan.TicksPerSecond / 10 == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.ffffff";
        return utc.ToString(format, CultureInfo.InvariantCulture) + "+00:00";
    }
}

using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// One resource, shaped like an AWS Config configuration item. <see cref="Configuration"/> is the JSON
/// as AWS returned it (untrusted text: escape it wherever it is shown).
/// </summary>
public sealed record Resource
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    public required string Type { get; init; }
    public required string Arn { get; init; }
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public required string AccountId { get; init; }
    /// <summary>The region, or "global" for global resources such as IAM entities and S3 bucket names.</summary>
    public required string Region { get; init; }
    // Frozen on the way in: what a rule reads must not be writable by a cast (see Frozen).
    private readonly IReadOnlyDictionary<string, string> _tags = Frozen.Dictionary<string>(null, StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, JsonElement> _supplementary = Frozen.Dictionary<JsonElement>(null, StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<Relationship> _relationships = Frozen.List<Relationship>(null);

    // A FewKeys (ConfigurationItems) is read-only already: kept, not copied.
    public IReadOnlyDictionary<string, string> Tags { get => _tags; init => _tags = value is FewKeys<string> { IgnoresCase: false } few ? few : Frozen.Dictionary(value, StringComparer.Ordinal); }
    private readonly JsonElement _configuration = EmptyObject;
    private readonly ConfigurationText? _configurationText;

    public JsonElement Configuration
    {
        get => _configurationText is { } text ? text.Element : _configuration;
        init
        {
            _configuration = value;
            _configurationText = null;
        }
    }

    /// <summary>The configuration as its text, parsed when first read (<see cref="Resources.ConfigurationText"/>): in place of <see cref="Configuration"/>.</summary>
    internal ConfigurationText? ConfigurationText { get => _configurationText; init => _configurationText = value; }

    public IReadOnlyDictionary<string, JsonElement> SupplementaryConfiguration
    {
        get => _supplementary;
        init => _supplementary = value is FewKeys<JsonElement> { IgnoresCase: true } few ? few : Frozen.Dictionary(value, StringComparer.OrdinalIgnoreCase);
    }
    public IReadOnlyList<Relationship> Relationships { get => _relationships; init => _relationships = Frozen.List(value); }

    /// <summary>Name if AWS gave one, else the id: what a message should call this resource.</summary>
    public string DisplayName => string.IsNullOrEmpty(Name) ? Id : Name;

    /// <summary>The tag's value, or null when the resource has no tag with exactly that key.</summary>
    public string? Tag(string key) => _tags is FewKeys<string> few ? few.Find(key) : _tags.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// A value of <see cref="Configuration"/> by a path of property names, matched case-insensitively
    /// (Config speaks camelCase, IAM and the CLI PascalCase); null when any step is missing.
    /// </summary>
    public JsonElement? Config(params string[] path) => JsonPath.Find(Configuration, path);

    /// <summary>A string value of <see cref="Configuration"/> by path, or null.</summary>
    public string? ConfigString(params string[] path) =>
        Config(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    /// <summary>A supplementary configuration entry by key, then by a path inside it; null when missing.</summary>
    public JsonElement? Supplementary(string key, params string[] path) =>
        SupplementaryConfiguration.TryGetValue(key, out var value) ? JsonPath.Find(value, path) : null;

    public override string ToString() => $"{Type} {Arn}";
}

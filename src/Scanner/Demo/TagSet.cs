using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>A resource's tags in the order they were set; keys are case-sensitive, as in AWS.</summary>
internal sealed class TagSet
{
    private readonly List<KeyValuePair<string, string>> _tags = [];

    public int Count => _tags.Count;

    public IReadOnlyList<KeyValuePair<string, string>> Items => _tags;

    /// <summary>The value of the tag with exactly this key, or null.</summary>
    public string? this[string key] => _tags.FindIndex(t => t.Key == key) is var i and >= 0 ? _tags[i].Value : null;

    /// <summary>Sets a tag, replacing the value of an existing key.</summary>
    public TagSet Set(string key, string value)
    {
        var i = _tags.FindIndex(t => t.Key == key);
        if (i >= 0)
        {
            _tags[i] = new(key, value);
        }
        else
        {
            _tags.Add(new(key, value));
        }
        return this;
    }

    public TagSet Remove(string key)
    {
        _tags.RemoveAll(t => t.Key == key);
        return this;
    }

    /// <summary>Renames a key, keeping its value and place.</summary>
    public TagSet Rename(string key, string newKey)
    {
        var i = _tags.FindIndex(t => t.Key == key);
        if (i >= 0)
        {
            _tags[i] = new(newKey, _tags[i].Value);
        }
        return this;
    }

    /// <summary>As AWS Config writes a configuration item's tags: {"key": "value"}.</summary>
    public void WriteObject(Utf8JsonWriter writer, string property)
    {
        writer.WriteStartObject(property);
        foreach (var (key, value) in _tags)
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }

    /// <summary>As EC2 (key/value), IAM and the Tagging API (Key/Value) write them: a list of pairs.</summary>
    public void WriteArray(Utf8JsonWriter writer, string property, string keyName = "key", string valueName = "value")
    {
        writer.WriteStartArray(property);
        foreach (var (key, value) in _tags)
        {
            writer.WriteStartObject();
            writer.WriteString(keyName, key);
            writer.WriteString(valueName, value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}

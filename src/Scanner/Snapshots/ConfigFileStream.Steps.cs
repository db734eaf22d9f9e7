using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Snapshots;

internal static partial class ConfigFileStream
{
    /// <summary>The walk's steps through one buffer: the top level token by token, the list's items by their bounds.</summary>
    private sealed partial class Walk
    {
        /// <summary>
        /// Reads every whole unit (a token, or an item) of <paramref name="data"/> from <paramref name="at"/>, moving it
        /// past them: the top level token by token, the list's items by their bounds (<see cref="ConfigItemBounds"/>).
        /// </summary>
        private string? Step(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, ref int at)
        {
            while (true)
            {
                if (_place == Place.Items && !Items(data, ref at, out var refused))
                {
                    return refused;
                }
                // At the list's end (its ']'), the reader goes on in the state it had after the list's '['.
                var reader = new Utf8JsonReader(data[at..], final, state);
                var why = Tokens(ref reader);
                at += (int)reader.BytesConsumed;
                if (_place != Place.Items || reader.BytesConsumed == 0)
                {
                    state = reader.CurrentState;
                    return why;
                }
                // Just into the list: its state kept for its end.
                state = reader.CurrentState;
            }
        }

        /// <summary>
        /// Finds the list's whole items from <paramref name="at"/>, moving it past each with the comma before it; true
        /// at the list's ']' (left for the reader), false when the data ends first or with why the file is refused.
        /// </summary>
        private bool Items(ReadOnlySpan<byte> data, ref int at, out string? why)
        {
            why = null;
            while (true)
            {
                var i = ConfigItemBounds.SkipWhitespace(data, at);
                if (i == data.Length)
                {
                    return false;
                }
                if (data[i] == ']')
                {
                    at = i;
                    return true;
                }
                if (_afterItem)
                {
                    if (data[i] != ',')
                    {
                        why = "not a comma after an item";
                        return false;
                    }
                    i = ConfigItemBounds.SkipWhitespace(data, i + 1);
                    if (i == data.Length)
                    {
                        return false;
                    }
                }
                if (data[i] != '{' || _itemMaxDepth < 1)
                {
                    why = data[i] == '{' ? "items nested deeper than the limits allow" : "an item that is not an object";
                    return false;
                }
                var length = ConfigItemBounds.End(data[i..]);
                if (length < 0)
                {
                    return false;
                }
                _found.Add((i, length, _items++));
                _afterItem = true;
                at = i + length;
            }
        }

        /// <summary>Reads the top level's tokens; stops at the end of the data, and just inside the list of items.</summary>
        private string? Tokens(ref Utf8JsonReader reader)
        {
            while (true)
            {
                var before = reader;
                if (!reader.Read())
                {
                    reader = before;
                    return null;
                }
                switch (_place, reader.TokenType)
                {
                    case (Place.Start, JsonTokenType.StartObject):
                        _place = Place.Root;
                        break;
                    case (Place.Start, _):
                        return "not an object";
                    case (Place.Root, JsonTokenType.EndObject):
                        _place = Place.End;
                        break;
                    case (Place.Root, JsonTokenType.PropertyName):
                        var name = reader.GetString()!;
                        var isList = ConfigFiles.ListNames.Contains(name, StringComparer.OrdinalIgnoreCase);
                        if (!_names.Add(name) || name == "status_code" || (isList && _names.Any(n => n != name && ConfigFiles.ListNames.Contains(n, StringComparer.OrdinalIgnoreCase))))
                        {
                            return $"its top-level key {name}";
                        }
                        var value = reader;
                        if (!value.Read())
                        {
                            reader = before;
                            return null;
                        }
                        if (isList && name is "configurationItems" or "baseConfigurationItems" && value.TokenType == JsonTokenType.StartArray)
                        {
                            _place = Place.Items;
                            _afterItem = false;
                            reader = value;
                            return null;
                        }
                        if (isList || value.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            return $"its top-level key {name}";
                        }
                        reader = value;
                        break;
                    case (Place.Items, JsonTokenType.EndArray):
                        _place = Place.Root;
                        break;
                    case (Place.Items, _):
                        return "an item that is not an object";
                    default:
                        return "more than one value";
                }
            }
        }
    }
}

using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// Every resource a snapshot's accounts hand out, streamed as the floor and the scan read them (the index, the Config
/// stream, the rest; or the account read whole), one line each with all it holds, and each account's gaps and errors:
/// two builds' dumps of one estate are compared with <c>cmp</c> when a change to the reader must not change what it reads.
/// </summary>
internal static class DumpRun
{
    public static int Dump(string snapshot, string output)
    {
        var config = GuardrailsConfig.Load(Path.Combine(snapshot, "guardrails.yaml"));
        // Read as the floor reads (every configuration kept as its text): each line's configuration is then read back from it.
        var reader = SnapshotReader.Open(snapshot, config.Estate, InputLimits.Default with { ReadConfigurations = ConfigurationReads.None });
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false));
        var lines = 0;
        for (var i = 0; i < reader.Accounts.Count; i++)
        {
            var account = reader.Accounts[i];
            var next = i + 1 < reader.Accounts.Count ? reader.Accounts[i + 1] : null;
            writer.WriteLine($"account {account}");
            if (reader.StreamAccount(account, next) is { } stream)
            {
                Write(writer, "index", stream.Index.All.OrderBy(r => r.Arn, StringComparer.Ordinal), ref lines);
                stream.ReadConfig(2048, batch => Write(writer, "config", batch, ref lines));
                if (stream.NotStreamable is null)
                {
                    var (rest, index) = stream.Rest();
                    Write(writer, "rest", rest, ref lines);
                    Write(writer, "index", index.All.OrderBy(r => r.Arn, StringComparer.Ordinal), ref lines);
                    Problems(writer, stream.Gaps.Select(g => g.ToString()), stream.Errors);
                    continue;
                }
                writer.WriteLine($"not streamable: {stream.NotStreamable}");
            }
            var part = reader.ReadAccount(account);
            Write(writer, "whole", part.Resources, ref lines);
            Problems(writer, part.Gaps.Select(g => g.ToString()), part.Errors);
        }
        Console.Error.WriteLine($"dumped {lines:N0} resources to {output}");
        return 0;
    }

    private static void Write(StreamWriter writer, string phase, IEnumerable<Resource> resources, ref int lines)
    {
        foreach (var resource in resources)
        {
            var line = new StringBuilder($"{phase}\t{resource.Type}\t{resource.Arn}\t{resource.Id}\t{resource.Name}\t{resource.AccountId}\t{resource.Region}\t");
            line.Append(string.Join(",", resource.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => JsonSerializer.Serialize(t.Key) + "=" + JsonSerializer.Serialize(t.Value))));
            line.Append('\t').Append(resource.Configuration.ValueKind == JsonValueKind.Undefined ? "-" : resource.Configuration.GetRawText());
            line.Append('\t').Append(string.Join(",", resource.SupplementaryConfiguration.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => JsonSerializer.Serialize(s.Key) + "=" + s.Value.GetRawText())));
            line.Append('\t').Append(JsonSerializer.Serialize(resource.Relationships));
            writer.WriteLine(line.ToString());
            lines++;
        }
    }

    private static void Problems(StreamWriter writer, IEnumerable<string> gaps, IEnumerable<string> errors)
    {
        foreach (var gap in gaps)
        {
            writer.WriteLine($"gap {gap}");
        }
        foreach (var error in errors)
        {
            writer.WriteLine($"error {error}");
        }
    }
}

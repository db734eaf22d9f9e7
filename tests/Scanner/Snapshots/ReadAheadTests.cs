using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>
/// The next account's index read while this one streams (SnapshotReader.StreamAccount(account, next)): every account
/// is handed out exactly as when read alone — its index, its Config items, the rest, its gaps and warnings — and a
/// large account is never read beside another.
/// </summary>
public sealed class ReadAheadTests : IDisposable
{
    private readonly string _directory = DemoBuilder.TempDirectory();

    public ReadAheadTests() => DemoEstate.Write(_directory, new DemoOptions { Size = DemoBuilder.SmallSize, LargeAccounts = 1 });

    public void Dispose() => DemoBuilder.Delete(_directory);

    [Fact]
    public void EachAccountReadsAsAloneWhenItsIndexWasReadAhead()
    {
        var (alone, ahead, readAhead) = BothWays();

        Assert.Equal(alone, ahead);
        // Every account after the first was read ahead.
        Assert.Equal(alone.Count - 1, readAhead);
    }

    [Fact]
    public void AnUnreadableFileOfTheAccountReadAheadIsAGapOfThatAccountAlone()
    {
        var accounts = Accounts();
        // An account read ahead (not the first), with an account after it.
        var at = Enumerable.Range(1, accounts.Count - 2).First(i => Directory.Exists(Path.Combine(_directory, accounts[i], "tagging")));
        var tagging = Directory.EnumerateFiles(Path.Combine(_directory, accounts[at], "tagging")).Order(StringComparer.Ordinal).First();
        File.WriteAllText(tagging, """{"ResourceTagMappingList": [{"ResourceARN": "arn:aws:ec2:eu-west-1:444455556666:vpc/vpc-1", "Tags": []}]}""");

        var (alone, ahead, _) = BothWays();

        Assert.Equal(alone, ahead);
        Assert.Contains(tagging, ahead[at]);
        Assert.DoesNotContain(tagging, ahead[at - 1] + ahead[at + 1]);
    }

    [Fact]
    public void ALargeAccountIsNeitherReadAheadNorReadBesideTheNext()
    {
        var reader = Open();
        var accounts = reader.Accounts;
        // Every account's Tagging API files and authorization details are over this bound: all large.
        reader.SmallIndexBytes = 0;

        reader.StreamAccount(accounts[0], accounts[1]);

        Assert.Null(reader.ReadingAhead);
        reader.SmallIndexBytes = SnapshotReader.DefaultSmallIndexBytes;
        reader.StreamAccount(accounts[0], accounts[1]);
        Assert.Equal(accounts[1], reader.ReadingAhead);
    }

    private List<string> Accounts() => [.. Open().Accounts];

    private SnapshotReader Open()
    {
        var config = GuardrailsConfig.Load(Path.Combine(_directory, "guardrails.yaml"));
        return SnapshotReader.Open(_directory, config.Estate);
    }

    /// <summary>Each account as read alone (a reader of its own), then as read with the next one's index read ahead.</summary>
    private (List<string> Alone, List<string> Ahead, int ReadAhead) BothWays()
    {
        var accounts = Accounts();
        var alone = accounts.Select(account => Streamed(Open().StreamAccount(account))).ToList();
        var reader = Open();
        var ahead = new List<string>();
        var readAhead = 0;
        for (var i = 0; i < accounts.Count; i++)
        {
            var wasAhead = reader.ReadingAhead == accounts[i];
            readAhead += wasAhead ? 1 : 0;
            ahead.Add(Streamed(reader.StreamAccount(accounts[i], i + 1 < accounts.Count ? accounts[i + 1] : null)));
        }
        return (alone, ahead, readAhead);
    }

    /// <summary>All an account's stream hands out, in its order, as text.</summary>
    private static string Streamed(SnapshotReader.AccountStream? stream)
    {
        if (stream is null)
        {
            return "none";
        }
        var text = new StringBuilder();
        Write(text, "index", stream.Index.All.OrderBy(r => r.Arn, StringComparer.Ordinal));
        stream.ReadConfig(64, batch => Write(text, "config", batch));
        text.AppendLine($"not streamable: {stream.NotStreamable}");
        if (stream.NotStreamable is null)
        {
            var (rest, index) = stream.Rest();
            Write(text, "rest", rest);
            Write(text, "index", index.All.OrderBy(r => r.Arn, StringComparer.Ordinal));
        }
        text.AppendJoin('\n', stream.Gaps.Select(g => g.ToString())).AppendLine().AppendJoin('\n', stream.Errors);
        return text.ToString();
    }

    private static void Write(StringBuilder text, string phase, IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            text.Append(phase).Append(' ').Append(resource.Type).Append(' ').Append(resource.Arn).Append(' ')
                .AppendJoin(',', resource.Tags.Select(t => $"{t.Key}={t.Value}")).Append(' ')
                .Append(resource.Configuration.ValueKind == JsonValueKind.Undefined ? "-" : resource.Configuration.GetRawText()).Append(' ')
                .AppendJoin(',', resource.SupplementaryConfiguration.Select(s => $"{s.Key}={s.Value.GetRawText()}")).AppendLine();
        }
    }
}

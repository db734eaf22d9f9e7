using System.Text.Json;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The Config recorder of an account and region as the snapshot was collected under: its status
/// (<c>DescribeConfigurationRecorderStatus</c>: recording, and since when) and what it records
/// (<c>DescribeConfigurationRecorders</c>: the recording group and mode; not the status through an aggregator, whose sources' status stands for it). Both are written into the snapshot
/// (<c>&lt;account&gt;/config-recorder/&lt;region&gt;/</c>, which the scan does not read) on every night; a second night
/// copies them from the previous snapshot where CloudTrail's event history shows no call that changes a recorder
/// (<see cref="Changes"/>), and asks AWS otherwise. Either part is null when it could not be read (said in the log); a
/// full night needs neither, so a failure there is no gap.
/// </summary>
internal sealed record ConfigRecorder(JsonElement? Status, ConfigRecording? Recording)
{
    public const string Folder = "config-recorder";
    private const string StatusFile = "describe-configuration-recorder-status.json";
    private const string RecordersFile = "describe-configuration-recorders.json";

    /// <summary>
    /// A call that changes what a recorder records or whether it records: Put/Delete/Start/StopConfigurationRecorder,
    /// the service-linked recorders' Put/DeleteServiceLinkedConfigurationRecorder, Associate/DisassociateResourceTypes.
    /// Matched by the noun, as <see cref="TrailWatchedSource"/> does, so that a recorder call AWS adds later is a reason to ask.
    /// </summary>
    public static bool Changes(TrailEvent e) =>
        e.EventSource == "config.amazonaws.com" && (e.EventName.Contains("Recorder", StringComparison.Ordinal) || e.EventName.Contains("ResourceTypes", StringComparison.Ordinal));

    public static string File(string account, string region, bool status) => Path.Combine(account, Folder, region, status ? StatusFile : RecordersFile);

    /// <summary>The recorder of <paramref name="context"/>'s account and region, copied or asked, and written into this snapshot.</summary>
    public static async Task<ConfigRecorder> ReadAsync(CollectionRun run, AwsContext context, Task<TrailChanges?> trail, CancellationToken cancellationToken)
    {
        var (account, region) = (context.AccountId, context.Region);
        if (await CopyAsync(run, account, region, await trail, cancellationToken) is { } copied)
        {
            return copied;
        }
        var config = run.Clients.Config;
        // Through an aggregator the aggregator's sources say whether Config can be trusted: the account's recorder status is not asked.
        var status = run.AggregatorCredentials is not null ? null
            : await AskAsync(run, context, "status", () => config.DescribeConfigurationRecorderStatusAsync(context, cancellationToken), true, cancellationToken);
        var recorders = await AskAsync(run, context, "recording group", () => config.DescribeConfigurationRecordersAsync(context, cancellationToken), false, cancellationToken);
        return new ConfigRecorder(status, recorders is { } r ? ConfigRecording.Of(r) : null);
    }

    /// <summary>The previous snapshot's two files, written into this one, when no event since may have changed them; else null.</summary>
    private static async Task<ConfigRecorder?> CopyAsync(CollectionRun run, string account, string region, TrailChanges? trail, CancellationToken cancellationToken)
    {
        var state = run.Incremental;
        if (state is null || trail is null)
        {
            return null;
        }
        if (trail.Events.FirstOrDefault(Changes) is { } changed)
        {
            run.Progress.Log($"account {account}, region {region}: the Config recorder is described again ({changed.EventSource}:{changed.EventName} since the previous collection)");
            return null;
        }
        var previous = state.Previous.AccountDirectory(account);
        JsonElement? status = null;
        JsonElement recorders;
        try
        {
            if (run.AggregatorCredentials is null)
            {
                using var document = state.Open(File(previous, region, status: true));
                status = Shaped(document.RootElement, "ConfigurationRecordersStatus");
            }
            using (var document = state.Open(File(previous, region, status: false)))
            {
                recorders = Shaped(document.RootElement, "ConfigurationRecorders");
            }
            var directory = run.AccountDirectory(account);
            if (status is { } copied)
            {
                await SnapshotWriter.WriteJsonAsync(File(directory, region, status: true), copied, cancellationToken);
            }
            await SnapshotWriter.WriteJsonAsync(File(directory, region, status: false), recorders, cancellationToken);
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            run.Progress.Log($"account {account}, region {region}: the Config recorder is described again (the previous snapshot's copy could not be copied: {run.Secrets.Redact(ex.Message)})");
            return null;
        }
        return new ConfigRecorder(status, ConfigRecording.Of(recorders));
    }

    /// <summary>An answer asked and written into this snapshot; null (after saying why) when it could not be read.</summary>
    private static async Task<JsonElement?> AskAsync(CollectionRun run, AwsContext context, string what, Func<Task<JsonElement>> ask, bool status, CancellationToken cancellationToken)
    {
        try
        {
            var answer = (await ask()).Clone();
            await SnapshotWriter.WriteJsonAsync(File(run.AccountDirectory(context.AccountId), context.Region, status), answer, cancellationToken);
            return answer;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            run.Progress.Log($"account {context.AccountId}, region {context.Region}: the Config recorder's {what} could not be read ({run.Secrets.Redact(ex.Message)})");
            return null;
        }
    }

    private static JsonElement Shaped(JsonElement root, string list) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? root.Clone()
            : throw new SnapshotFormatException($"the previous copy of the Config recorder has no {list} list");
}

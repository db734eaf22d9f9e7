using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Snapshots;

internal sealed partial class SnapshotReader
{
    internal sealed partial class AccountReader
    {
        /// <summary>The Tagging API's files parsed ahead, by path, while IAM is read; null when none are.</summary>
        private Task<Dictionary<string, (List<(string Arn, IReadOnlyDictionary<string, string> Tags)>? Mappings, Exception? Error)>>? _taggingAhead;

        /// <summary>
        /// Starts parsing the account's Tagging API files on the pool, so that they parse while the authorization
        /// details do on this thread (which left the other core idle). Nothing is reported here: <see cref="ReadTagging"/>
        /// lists the folder where it always did, reports what the listing meets there, and takes each file's parse from
        /// here (a file this listing did not meet is parsed then; one it met that the folder no longer lists is dropped).
        /// </summary>
        private void ParseTaggingAhead()
        {
            var folder = Path.Combine(_directory, SnapshotLayout.TaggingFolder);
            if (!Directory.Exists(folder))
            {
                return;
            }
            _taggingAhead = Task.Run(() =>
            {
                try
                {
                    return Directory.EnumerateFiles(folder, "*.json", new EnumerationOptions { AttributesToSkip = 0 })
                        .AsParallel()
                        .Select(file => (File: file, Read: ParseTagging(file)))
                        .ToDictionary(parsed => parsed.File, parsed => parsed.Read, StringComparer.Ordinal);
                }
                catch (Exception)
                {
                    // A folder that cannot be listed, or a fault no file answers for: nothing ahead, and ReadTagging
                    // lists, parses and reports as it always did (a fault it meets again is thrown there).
                    return [];
                }
            });
        }

        private void ReadTagging()
        {
            var ahead = TaggingAhead();
            // A file per region: parsed on every core (or ahead), merged in file order here.
            var parsed = Files(SnapshotLayout.TaggingFolder, CoverageGap.Sources.Tagging, depth: 1)
                .AsParallel()
                .AsOrdered()
                .Select(file => (File: file, Read: ahead.TryGetValue(file, out var read) ? read : ParseTagging(file)));
            foreach (var (file, (mappings, error)) in parsed)
            {
                if (error is not null)
                {
                    Failed(file, RegionOf(file), CoverageGap.Sources.Tagging, error);
                    continue;
                }
                Guarded(file, RegionOf(file), CoverageGap.Sources.Tagging, () =>
                {
                    foreach (var (arn, tags) in mappings!)
                    {
                        MergeTags(arn, tags);
                    }
                });
            }
        }

        /// <summary>What <see cref="ParseTaggingAhead"/> parsed; empty when it did not start or met a fault.</summary>
        private Dictionary<string, (List<(string Arn, IReadOnlyDictionary<string, string> Tags)>? Mappings, Exception? Error)> TaggingAhead()
        {
            if (_taggingAhead is not { } ahead)
            {
                return [];
            }
            _taggingAhead = null;
            return ahead.GetAwaiter().GetResult();
        }

        private (List<(string Arn, IReadOnlyDictionary<string, string> Tags)>? Mappings, Exception? Error) ParseTagging(string file) =>
            Attempt(() => TaggingFiles.Read(file, _snapshot._directory, _account, _snapshot._limits, _shared));
    }
}

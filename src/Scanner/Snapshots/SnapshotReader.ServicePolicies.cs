using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

internal sealed partial class SnapshotReader
{
    internal sealed partial class AccountReader
    {
        /// <summary>
        /// <c>logs/REGION/</c>, <c>glue/REGION/</c>, <c>lambda/REGION/</c>, <c>dynamodb/REGION/</c>: each region's policies of a service together, or
        /// a gap of that service naming the file that failed. A folder absent is nothing collected there (as <c>ram/</c>).
        /// </summary>
        private void ReadServicePolicies(Action<Resource> add)
        {
            ReadRegions(SnapshotLayout.LogsFolder, ServiceResourcePolicies.LogsSource, ServicePolicyFiles.ReadLogs, add);
            ReadRegions(SnapshotLayout.GlueFolder, ServiceResourcePolicies.GlueSource, ServicePolicyFiles.ReadGlue, add);
            ReadRegions(SnapshotLayout.LambdaFolder, ServiceResourcePolicies.LambdaLayersSource, ServicePolicyFiles.ReadLayers, add);
            ReadRegions(SnapshotLayout.DynamoDbFolder, ServiceResourcePolicies.DynamoDbSource, DynamoDbFiles.Read, add);
            ReadEc2Sharing(add);
        }

        private void ReadRegions(string name, string source, Func<string, string, string, string?, InputLimits, List<Resource>> read, Action<Resource> add)
        {
            if (!Folder(name, source))
            {
                return;
            }
            foreach (var folder in Directory.EnumerateDirectories(Path.Combine(_directory, name)).Order(StringComparer.Ordinal))
            {
                var region = Path.GetFileName(folder);
                if (!SnapshotLayout.IsRegion(region))
                {
                    _errors.Add($"{folder}: ignored: {name}/ holds a folder per region");
                    continue;
                }
                Guarded(folder, region, source, () => read(_directory, _account, region, _snapshot._directory, _snapshot._limits).ForEach(add));
            }
        }
    }
}

using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

internal sealed partial class SnapshotReader
{
    internal sealed partial class AccountReader
    {
        /// <summary>
        /// <c>ec2/REGION/</c>: a region's snapshots (and, apart, its images) with who each is shared with, or a gap naming
        /// the file that failed. A list file absent where collect already recorded that source's gap is that gap alone;
        /// the folder absent is nothing collected there (a snapshot written before collect read these).
        /// </summary>
        private void ReadEc2Sharing(Action<Resource> add)
        {
            if (!Folder(SnapshotLayout.Ec2Folder, ServiceResourcePolicies.Ec2SnapshotsSource))
            {
                return;
            }
            foreach (var folder in Directory.EnumerateDirectories(Path.Combine(_directory, SnapshotLayout.Ec2Folder)).Order(StringComparer.Ordinal))
            {
                var region = Path.GetFileName(folder);
                if (!SnapshotLayout.IsRegion(region))
                {
                    _errors.Add($"{folder}: ignored: {SnapshotLayout.Ec2Folder}/ holds a folder per region");
                    continue;
                }
                ReadEc2Region(region, ServiceResourcePolicies.Ec2SnapshotsSource, SnapshotLayout.SnapshotsFile, Ec2SharingFiles.ReadSnapshots, add);
                ReadEc2Region(region, ServiceResourcePolicies.Ec2ImagesSource, SnapshotLayout.ImagesFile, Ec2SharingFiles.ReadImages, add);
            }
        }

        private void ReadEc2Region(string region, string source, Func<string, string, string> listFile,
            Func<string, string, string, string?, InputLimits, List<Resource>> read, Action<Resource> add)
        {
            var file = listFile(_directory, region);
            if (!InputFile.Exists(file) && _gaps.Any(g => g.Source == source && (g.Region is null || g.Region == region)))
            {
                return;
            }
            Guarded(file, region, source, () => read(_directory, _account, region, _snapshot._directory, _snapshot._limits).ForEach(add));
        }
    }
}

using System.Runtime.ExceptionServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads an account's <c>iam/</c> folder: the authorization details (users, groups, roles and
/// policies) and the credential report, which is attached to each user it names, and each user's and role's
/// service-last-accessed file where one was collected.
/// </summary>
internal static class IamFiles
{
    private static readonly string[] Lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];

    /// <param name="lastAccessFailed">
    /// A service-last-accessed file that is unreadable: a gap for that principal alone. Null: the principal graph's read,
    /// which needs the authorization details alone: neither those files (at a million resources one file per principal)
    /// nor the credential report (a row per user, and the root user) are read.
    /// </param>
    public static void Read(string accountDirectory, string account, string? root, InputLimits limits, Action<Resource> add, Action<string, Exception> failed,
        Action<string, Exception>? lastAccessFailed)
    {
        var reportPath = SnapshotLayout.CredentialReport(accountDirectory);
        Dictionary<string, JsonElement> report = [];
        if (lastAccessFailed is not null && InputFile.Exists(reportPath))
        {
            try
            {
                report = CredentialReports.Read(reportPath, root, account, limits);
            }
            catch (Exception ex) when (SnapshotReader.Unreadable(ex))
            {
                failed(reportPath, ex);
            }
        }
        foreach (var (arn, row) in report.Where(r => r.Key == RootArn(account)))
        {
            // The root user is no IAM entity (the authorization details never list it): the account stands for it.
            add(new Resource
            {
                Type = ResourceTypeNames.Account,
                Arn = arn,
                Id = account,
                Name = "root user",
                AccountId = account,
                Region = "global",
                SupplementaryConfiguration = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase)
                {
                    [CredentialReports.SupplementaryKey] = row,
                },
            });
        }
        var detailsPath = SnapshotLayout.AuthorizationDetails(accountDirectory);
        if (!InputFile.Exists(detailsPath))
        {
            return;
        }
        try
        {
            // Read from a pooled buffer (a megabyte or more an account): each entry the resources keep is their own copy.
            var resources = AwsJson.Read(detailsPath, root, limits, document =>
            {
                var body = JsonPath.Unwrap(AwsJson.Body(document));
                CheckShape(body, detailsPath);
                if (JsonPath.Find(body, "IsTruncated") is { ValueKind: JsonValueKind.True })
                {
                    // One page of several: what is missing could be the admin. Read it, but do not call the account clean.
                    failed(detailsPath, new SnapshotFormatException($"{detailsPath}: IsTruncated is true: only the first page of the authorization details was saved"));
                }
                return AuthorizationDetails.ToResources(body, withTags: lastAccessFailed is not null);
            });
            // All or nothing: a foreign entry refuses the file before anything of it is added.
            foreach (var resource in resources)
            {
                // Places written only for a message: an account's thousands of entries are checked.
                Attribution.Check(resource, account, Place.Within(detailsPath, resource.Type));
                Attribution.CheckTags(JsonPath.Find(resource.Configuration, "Tags"), Place.Within(detailsPath, resource.Arn), limits);
            }
            if (lastAccessFailed is null)
            {
                // The graph's read: nothing to attach, nothing to read on other cores.
                foreach (var resource in resources)
                {
                    add(resource);
                }
                return;
            }
            // One service-last-accessed file per user and role: read on every core, handed on in the details' order. Their
            // two folders are checked for links once, not for every file (InputFolder).
            var folders = root is null ? null : LastAccessFolders(accountDirectory, root);
            var listed = ListedLastAccess(accountDirectory);
            var read = resources.AsParallel().AsOrdered().Select(resource =>
            {
                var (lastAccess, fault) = LastAccess(resource, accountDirectory, root, limits, folders, listed);
                return (Attached(resource, report.TryGetValue(resource.Arn, out var row) ? row : null, lastAccess), fault);
            });
            foreach (var (resource, fault) in read)
            {
                if (fault is { } unreadable)
                {
                    if (!SnapshotReader.Unreadable(unreadable.Error))
                    {
                        ExceptionDispatchInfo.Throw(unreadable.Error);
                    }
                    lastAccessFailed(unreadable.Path, unreadable.Error);
                }
                add(resource);
            }
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            failed(detailsPath, ex);
        }
    }

    /// <summary>
    /// The shape AWS gives (a page or a list of pages, each with lists of entry objects): a list given as a string
    /// or a number would otherwise be skipped, and its users with it, without a word (issue 13).
    /// </summary>
    private static void CheckShape(JsonElement body, string path)
    {
        var pages = body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : [body];
        for (var p = 0; p < pages.Count; p++)
        {
            var where = pages.Count == 1 && body.ValueKind != JsonValueKind.Array ? path : $"{path}: page {p}";
            if (pages[p].ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{where} is {AwsJson.Kind(pages[p])}, not authorization details");
            }
            var found = 0;
            foreach (var list in Lists)
            {
                if (!JsonPath.TryGetProperty(pages[p], list, out var entries) || entries.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }
                if (entries.ValueKind != JsonValueKind.Array)
                {
                    throw new SnapshotFormatException($"{where}: {list} is {AwsJson.Kind(entries)}, not a list");
                }
                found++;
                var index = 0;
                var entryOf = $"{list}[";
                foreach (var entry in entries.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Object)
                    {
                        throw new SnapshotFormatException($"{where}: {list}[{index}] is {AwsJson.Kind(entry)}, not an object");
                    }
                    // Checked as a string (or null) without a string of it or of its place unless refused.
                    AwsJson.CheckText(entry, "Arn", Place.Entry(where, entryOf, index++, "]"));
                }
            }
            if (found == 0)
            {
                throw new SnapshotFormatException($"{where}: not authorization details: expected {string.Join(", ", Lists)}");
            }
        }
    }

    /// <summary>The principal's service-last-accessed file, checked; null when it has none, or with the file that could not be read.</summary>
    private static (JsonElement? LastAccess, (string Path, Exception Error)? Fault) LastAccess(Resource principal, string accountDirectory, string? root, InputLimits limits,
        Dictionary<string, InputFolder>? folders, Dictionary<string, HashSet<string>?> listed)
    {
        var kind = principal.Type switch { IamPrincipals.RoleType => "role", IamPrincipals.UserType => "user", _ => null };
        if (kind is null || principal.Name is not { } name || SnapshotLayout.ServiceLastAccessed(accountDirectory, kind, name) is not { } path
            || !(listed[kind] is { } names && names.Contains(Path.GetFileName(path)) || InputFile.Exists(path)))
        {
            return (null, null);
        }
        try
        {
            return (ServiceLastAccessFiles.Read(path, root, limits, folders?[kind]), null);
        }
        catch (Exception ex)
        {
            // Thrown again on the reading thread (exhausted memory, cancellation) or reported there as a gap.
            return (null, (path, ex));
        }
    }

    /// <summary>The entity with its credential report row and service-last-accessed answer attached, in one copy of its supplementary configuration.</summary>
    private static Resource Attached(Resource resource, JsonElement? reportRow, JsonElement? lastAccess)
    {
        if (reportRow is null && lastAccess is null)
        {
            return resource;
        }
        var supplementary = new Dictionary<string, JsonElement>(resource.SupplementaryConfiguration, StringComparer.OrdinalIgnoreCase);
        if (reportRow is { } row)
        {
            supplementary[CredentialReports.SupplementaryKey] = row;
        }
        if (lastAccess is { } services)
        {
            supplementary[UnusedAccess.SupplementaryKey] = services;
        }
        return resource with { SupplementaryConfiguration = supplementary };
    }

    /// <summary>The folders of the service-last-accessed files, by kind (<c>role</c>, <c>user</c>), each checked now.</summary>
    private static Dictionary<string, InputFolder> LastAccessFolders(string accountDirectory, string root) =>
        new[] { "role", "user" }.ToDictionary(kind => kind,
            kind => InputFolder.Open(Path.GetDirectoryName(SnapshotLayout.ServiceLastAccessed(accountDirectory, kind, "x")!)!, root), StringComparer.Ordinal);

    /// <summary>
    /// The names in each folder of the service-last-accessed files (<c>role</c>, <c>user</c>), listed once: a principal
    /// whose file is listed is not asked of the file system again (an <c>lstat</c> for each of thousands of principals
    /// an account); one not listed is, as before. Null for a folder that cannot be listed (absent, say).
    /// </summary>
    private static Dictionary<string, HashSet<string>?> ListedLastAccess(string accountDirectory) =>
        new[] { "role", "user" }.ToDictionary(kind => kind, kind =>
        {
            try
            {
                var folder = Path.GetDirectoryName(SnapshotLayout.ServiceLastAccessed(accountDirectory, kind, "x")!)!;
                return Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder).Select(entry => Path.GetFileName(entry)).ToHashSet(StringComparer.Ordinal) : null;
            }
            catch (Exception ex) when (SnapshotReader.Unreadable(ex))
            {
                return null;
            }
        }, StringComparer.Ordinal);

    private static string RootArn(string account) => $"arn:aws:iam::{account}:root";
}

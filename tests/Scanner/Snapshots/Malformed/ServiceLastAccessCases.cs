using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>A role's iam/service-last-accessed file (aws iam get-service-last-accessed-details): read whole and completed, or a gap naming it.</summary>
internal static class ServiceLastAccessCases
{
    private const string Role = $"{Acme}/iam/service-last-accessed/role/deploy.json";

    private static string Answer(string status, string services, string truncated = "false") =>
        $$"""{"JobStatus": "{{status}}", "JobType": "SERVICE_LEVEL", "JobCreationDate": "2026-10-31T23:00:00+00:00", "ServicesLastAccessed": {{services}}, "JobCompletionDate": "2026-10-31T23:00:05+00:00", "IsTruncated": {{truncated}}}""";

    public static IEnumerable<MalformedCase> All() =>
    [
        new("last-accessed: the CLI's output is read", Role, Expect.Read, "",
            Plant.Text(Answer("COMPLETED", """[{"ServiceName": "Amazon S3", "LastAuthenticated": "2026-10-30T08:00:00+00:00", "ServiceNamespace": "s3", "TotalAuthenticatedEntities": 1}]"""))),
        new("last-accessed: UTF-16 with a byte-order mark", Role, Expect.Read, "", InFolder(Plant.Utf16(Answer("COMPLETED", """[{"ServiceName": "Amazon S3", "ServiceNamespace": "s3"}]""")))),
        new("last-accessed: UTF-8 with a byte-order mark", Role, Expect.Read, "", InFolder(Plant.Utf8Bom(Answer("COMPLETED", """[{"ServiceName": "Amazon S3", "ServiceNamespace": "s3"}]""")))),
        Gap("last-accessed: a job still in progress", "JobStatus is IN_PROGRESS, not COMPLETED", Plant.Text(Answer("IN_PROGRESS", "[]"))),
        Gap("last-accessed: a failed job", "JobStatus is FAILED", Plant.Text(Answer("FAILED", "[]"))),
        Gap("last-accessed: no JobStatus", "JobStatus is missing", Plant.Text("""{"ServicesLastAccessed": []}""")),
        Gap("last-accessed: only the first page", "IsTruncated is true", Plant.Text(Answer("COMPLETED", "[]", "true"))),
        Gap("last-accessed: the services are a string", "ServicesLastAccessed is a string, not a list", Plant.Text(Answer("COMPLETED", "\"s3\""))),
        Gap("last-accessed: no services list", "ServicesLastAccessed is missing", Plant.Text("""{"JobStatus": "COMPLETED"}""")),
        Gap("last-accessed: a service is a number", "ServicesLastAccessed[0] is a number", Plant.Text(Answer("COMPLETED", "[7]"))),
        Gap("last-accessed: a service without a namespace", "ServiceNamespace is missing", Plant.Text(Answer("COMPLETED", """[{"ServiceName": "Amazon S3"}]"""))),
        Gap("last-accessed: a service with a blank namespace", "ServiceNamespace is missing", Plant.Text(Answer("COMPLETED", """[{"ServiceName": "Amazon S3", "ServiceNamespace": "  "}]"""))),
        Gap("last-accessed: a service with an empty namespace", "ServiceNamespace is missing", Plant.Text(Answer("COMPLETED", """[{"ServiceName": "Amazon S3", "ServiceNamespace": ""}]"""))),
        Gap("last-accessed: an unreadable date", "is not a date", Plant.Text(Answer("COMPLETED", """[{"ServiceNamespace": "s3", "LastAuthenticated": "last Tuesday"}]"""))),
        Gap("last-accessed: a list, not an answer", "is a list, not get-service-last-accessed-details output", Plant.Text("[]")),
        Gap("last-accessed: invalid JSON", "invalid JSON", Plant.Text("{\"JobStatus\": ")),
        Gap("last-accessed: a link to /dev/urandom", "outside the snapshot", InFolder(Plant.LinkTo("/dev/urandom"))),
        // The folder's links are checked once for all its files (InputFolder): a folder that is a link is still resolved.
        new("last-accessed: the role folder is a link to a folder outside the snapshot", RoleFolder, Expect.Gap, "outside the snapshot",
            WithAnswer(Plant.FolderLinkOutside)),
        new("last-accessed: the role folder is a link to a folder inside the snapshot", RoleFolder, Expect.Read, "", WithAnswer(folder =>
        {
            var kept = Path.Combine(Path.GetDirectoryName(folder)!, "kept");
            Directory.Move(folder, kept);
            Directory.CreateSymbolicLink(folder, kept);
        })),
    ];

    private const string RoleFolder = $"{Acme}/iam/service-last-accessed/role";

    /// <summary>The role folder holding a valid answer for the role, then planted.</summary>
    private static Action<string> WithAnswer(Action<string> plant) => folder =>
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "deploy.json"), Answer("COMPLETED", """[{"ServiceName": "Amazon S3", "ServiceNamespace": "s3"}]"""));
        plant(folder);
    };

    /// <summary>The folder is made first: the tiny estate has no service-last-accessed folder of its own.</summary>
    private static Action<string> InFolder(Action<string> plant) => path =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plant(path);
    };

    private static MalformedCase Gap(string name, string says, Action<string> plant) => new(name, Role, Expect.Gap, says, plant);
}

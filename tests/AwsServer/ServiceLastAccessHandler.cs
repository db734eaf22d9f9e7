using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// IAM's service-last-accessed jobs: GenerateServiceLastAccessedDetails starts a job for a user or role of the
/// caller's account; GetServiceLastAccessedDetails answers IN_PROGRESS on its first call and COMPLETED after, in
/// pages (Marker, MaxItems), or FAILED / forever IN_PROGRESS for the principals the faults name.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
/// </summary>
internal sealed class ServiceLastAccessHandler(ServerFaults faults, int maxPage)
{
    private static readonly XNamespace Ns = IamHandler.Ns;
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);

    /// <summary>Jobs started, per principal ARN: a test counts them.</summary>
    public ConcurrentDictionary<string, int> Started { get; } = new(StringComparer.Ordinal);

    public Reply Generate(RequestScope scope, ServedAccount account)
    {
        var arn = scope.Form.GetValueOrDefault("Arn") ?? "";
        if (!account.ServicesLastAccessed.ContainsKey(arn))
        {
            return Reply.XmlError(404, Ns, "NoSuchEntity", $"The entity {arn} cannot be found in account {account.Id}.");
        }
        var id = Guid.NewGuid().ToString();
        _jobs[id] = new Job(account.Id, arn);
        Started.AddOrUpdate(arn, 1, (_, n) => n + 1);
        return Reply.Xml("GenerateServiceLastAccessedDetails", Ns, [new XElement(Ns + "JobId", id)]);
    }

    public Reply Get(RequestScope scope, ServedAccount account)
    {
        var id = scope.Form.GetValueOrDefault("JobId") ?? "";
        var size = scope.Form.TryGetValue("MaxItems", out var text) && int.TryParse(text, out var n) ? n : 100;
        var offset = PageToken.Read(scope.Form.GetValueOrDefault("Marker"));
        if (id.Length != 36 || offset is null || size is < 1 or > 1000)
        {
            return Reply.XmlError(400, Ns, "ValidationError", "Invalid JobId, Marker or MaxItems");
        }
        if (!_jobs.TryGetValue(id, out var job) || job.Account != account.Id)
        {
            return Reply.XmlError(404, Ns, "NoSuchEntity", $"No job {id} in account {account.Id}.");
        }
        var calls = Interlocked.Increment(ref job.Gets);
        var head = new List<XElement> { new(Ns + "JobType", "SERVICE_LEVEL"), new(Ns + "JobCreationDate", "2026-11-01T00:00:00Z") };
        if (faults.FailedLastAccessJobs.ContainsKey(job.Principal))
        {
            return Reply.Xml("GetServiceLastAccessedDetails", Ns, [new XElement(Ns + "JobStatus", "FAILED"), .. head, new XElement(Ns + "ServicesLastAccessed"),
                new XElement(Ns + "Error", new XElement(Ns + "Message", "The job could not be completed."), new XElement(Ns + "Code", "ServiceFailure"))]);
        }
        if (calls == 1 || faults.StuckLastAccessJobs.ContainsKey(job.Principal))
        {
            return Reply.Xml("GetServiceLastAccessedDetails", Ns, [new XElement(Ns + "JobStatus", "IN_PROGRESS"), .. head, new XElement(Ns + "ServicesLastAccessed")]);
        }
        var services = account.ServicesLastAccessed[job.Principal].Select(s => s!).ToList();
        var (page, next) = PageToken.Slice(services, offset.Value, Math.Min(size, maxPage));
        List<XElement> result = [new(Ns + "JobStatus", "COMPLETED"), .. head, IamHandler.Element("ServicesLastAccessed", new JsonArray(page.Select(s => s.DeepClone()).ToArray())),
            new(Ns + "JobCompletionDate", "2026-11-01T00:00:03Z"), new(Ns + "IsTruncated", next is null ? "false" : "true")];
        if (next is not null)
        {
            result.Add(new XElement(Ns + "Marker", next));
        }
        return Reply.Xml("GetServiceLastAccessedDetails", Ns, result);
    }

    /// <summary>A completed job's whole answer, as <c>aws iam get-service-last-accessed-details</c> prints it with the server's dates.</summary>
    public static JsonObject Completed(JsonArray services) => new()
    {
        ["JobStatus"] = "COMPLETED", ["JobType"] = "SERVICE_LEVEL", ["JobCreationDate"] = "2026-11-01T00:00:00Z",
        ["ServicesLastAccessed"] = services.DeepClone(), ["JobCompletionDate"] = "2026-11-01T00:00:03Z", ["IsTruncated"] = false,
    };

    private sealed class Job(string account, string principal)
    {
        public string Account { get; } = account;
        public string Principal { get; } = principal;
        public int Gets;
    }
}

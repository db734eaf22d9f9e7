using Hangfire;
using Hangfire.Storage;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>
/// One recurring job per customer, <c>audit-&lt;customer&gt;</c>, and one for the whole estate, <c>audit-estate</c>
/// (the platform's accounts too; its scans make the estate's report and trend), each with its cron and time zone
/// from guardrails.yaml. Registered at every start of serve: new customers get theirs, changed schedules are
/// updated, and jobs of customers no longer in the estate are removed.
/// </summary>
internal static class RecurringAudits
{
    public const string Prefix = "audit-";

    /// <summary>The estate-wide audit's job; no customer may be called "estate".</summary>
    public const string EstateJob = Prefix + ScheduleSettings.EstateKey;

    public static IReadOnlyList<string> Register(IRecurringJobManager manager, JobStorage storage, GuardrailsConfig config)
    {
        var ids = new List<string>();
        foreach (var customer in config.Estate.Customers)
        {
            var schedule = config.ScheduleFor(customer.Id);
            var id = Prefix + customer.Id;
            var customerId = customer.Id;
            manager.AddOrUpdate<AuditJobs>(id, j => j.StartAsync(customerId, null, CancellationToken.None), schedule.Cron,
                new RecurringJobOptions { TimeZone = schedule.ResolveTimeZone() });
            ids.Add(id);
        }
        var estate = config.ScheduleFor(ScheduleSettings.EstateKey);
        manager.AddOrUpdate<AuditJobs>(EstateJob, j => j.StartAsync(null, null, CancellationToken.None), estate.Cron,
            new RecurringJobOptions { TimeZone = estate.ResolveTimeZone() });
        ids.Add(EstateJob);
        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(Prefix, StringComparison.Ordinal) && !ids.Contains(id)))
        {
            manager.RemoveIfExists(stale);
        }
        return ids;
    }
}

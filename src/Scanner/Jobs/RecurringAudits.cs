using Hangfire;
using Hangfire.Storage;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>
/// One recurring job per customer, <c>audit-&lt;customer&gt;</c>, with its cron and time zone from
/// guardrails.yaml. Registered at every start of serve: new customers get theirs, changed
/// schedules are updated, and jobs of customers no longer in the estate are removed.
/// </summary>
internal static class RecurringAudits
{
    public const string Prefix = "audit-";

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
        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(Prefix, StringComparison.Ordinal) && !ids.Contains(id)))
        {
            manager.RemoveIfExists(stale);
        }
        return ids;
    }
}

using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>The engine's sections of guardrails.yaml: schedules, storage, dashboard, engine timings.</summary>
public sealed class EngineConfigTests
{
    private static GuardrailsConfig Load(string extra)
    {
        using var estate = new TinyEstate { Extra = extra };
        estate.Write();
        return GuardrailsConfig.Load(estate.ConfigPath);
    }

    [Fact]
    public void ACustomerWithoutAScheduleIsAuditedNightlyAndOneWithItsOwnFollowsItsCronAndTimeZone()
    {
        var config = Load("""
            schedules:
              globex: { cron: "30 23 * * 1-5", timeZone: America/New_York }
            storage: { postgres: "Host=db;Database=guardrails;Username=guardrails", retentionDays: 90 }
            engine: { workers: 3, invisibilityTimeout: 2m, queuePollInterval: 500ms }
            """);

        Assert.Equal(new ScheduleSettings("0 2 * * *", "UTC"), config.ScheduleFor("acme"));
        Assert.Equal(new ScheduleSettings("30 23 * * 1-5", "America/New_York"), config.ScheduleFor("globex"));
        Assert.Equal("Host=db;Database=guardrails;Username=guardrails", config.Storage.Postgres);
        Assert.Equal(90, config.Storage.RetentionDays);
        Assert.Equal((3, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500)), (config.Engine.Workers, config.Engine.InvisibilityTimeout, config.Engine.QueuePollInterval));
        Assert.False(config.Dashboard.HasAuthentication);
    }

    [Fact]
    public void TheDefaultScheduleAppliesToEveryCustomerWithoutItsOwn()
    {
        var config = Load("schedules:\n  default: { cron: \"15 3 * * *\", timeZone: Europe/London }\n");

        Assert.Equal(new ScheduleSettings("15 3 * * *", "Europe/London"), config.ScheduleFor("acme"));
    }

    [Fact]
    public void TheEstateWideAuditHasASchedulesEntryOfItsOwnElseTheDefault()
    {
        Assert.Equal(ScheduleSettings.Nightly, Load("").ScheduleFor(ScheduleSettings.EstateKey));
        Assert.Equal(new ScheduleSettings("0 5 * * 0", "UTC"), Load("schedules:\n  estate: { cron: \"0 5 * * 0\" }\n").ScheduleFor(ScheduleSettings.EstateKey));
    }

    [Fact]
    public void NoCustomerMayTakeTheNameOfASchedulesKey()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "guardrails.yaml");
        File.WriteAllText(path, """
            estate:
              customers:
                - id: estate
                  accounts: ["111111111111"]
                - id: default
                  accounts: ["222222222222"]
            """);

        var error = Assert.Throws<ConfigException>(() => GuardrailsConfig.Load(path));

        Assert.Contains("estate.customers[0].id: 'estate' is reserved (schedules.estate is the schedule of the estate-wide audit)", error.Errors);
        Assert.Contains("estate.customers[1].id: 'default' is reserved (schedules.default is the schedule of every customer)", error.Errors);
    }

    [Fact]
    public void EveryMistakeInTheEngineSectionsIsListedAtOnce()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""
            schedules:
              initech: { cron: "0 2 * * *" }
              acme: { cron: "every night", timeZone: Mars/Olympus }
            storage: { postgres: "db.example:5432", retentionDays: 0 }
            dashboard: { bearerTokenVariable: "my token", basicUser: auditor }
            engine: { workers: 0, invisibilityTimeout: soon }
            """));

        Assert.Contains("schedules.initech: no customer 'initech'", error.Message);
        Assert.Contains("schedules.acme.cron: 'every night' is not a cron expression", error.Message);
        Assert.Contains("schedules.acme.timeZone: 'Mars/Olympus' is not a time zone", error.Message);
        Assert.Contains("storage.postgres: not a connection string", error.Message);
        Assert.Contains("storage.retentionDays: '0' must be a whole number of at least 1", error.Message);
        Assert.Contains("dashboard.bearerTokenVariable: 'my token' is not an environment variable name", error.Message);
        Assert.Contains("dashboard: basicUser and basicPasswordVariable go together", error.Message);
        Assert.Contains("engine.workers: '0' must be a whole number of at least 1", error.Message);
        Assert.Contains("engine.invisibilityTimeout: 'soon' is not a positive duration", error.Message);
        Assert.Equal(9, error.Errors.Count);
    }
}

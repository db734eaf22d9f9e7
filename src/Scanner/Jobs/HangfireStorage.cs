using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>Hangfire's job storage: PostgreSQL when guardrails.yaml names one (workers on many machines), else a SQLite file that survives a restart.</summary>
internal static class HangfireStorage
{
    public const string SqliteFileName = "hangfire.db";

    public static void Use(IGlobalConfiguration hangfire, GuardrailsConfig config, string stateDirectory)
    {
        var engine = config.Engine;
        if (config.Storage.Postgres is { } postgres)
        {
            hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
            {
                QueuePollInterval = engine.QueuePollInterval,
                InvisibilityTimeout = engine.InvisibilityTimeout,
                // Without sliding, a part that runs longer than the timeout is started again while
                // it still runs (measured: three copies at once). With it, the timeout only says how
                // soon a SIGKILLed worker's part runs elsewhere (measured: 30 s with a 30 s timeout).
                UseSlidingInvisibilityTimeout = true,
                // LISTEN/NOTIFY: a new part is picked up in ~0.2 s instead of up to a poll interval.
                EnableLongPolling = true,
                PrepareSchemaIfNecessary = true,
                SchemaName = "hangfire",
            });
            return;
        }
        Directory.CreateDirectory(stateDirectory);
        hangfire.UseSQLiteStorage(Path.Combine(stateDirectory, SqliteFileName), new SQLiteStorageOptions
        {
            QueuePollInterval = engine.QueuePollInterval < TimeSpan.FromSeconds(1) ? engine.QueuePollInterval : TimeSpan.FromSeconds(1),
            InvisibilityTimeout = engine.InvisibilityTimeout,
        });
    }
}

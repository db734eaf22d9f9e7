using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Npgsql;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>Hangfire's job storage: PostgreSQL when guardrails.yaml names one (workers on many machines), else a SQLite file that survives a restart.</summary>
internal static class HangfireStorage
{
    public const string SqliteFileName = "hangfire.db";

    /// <summary>How long a lock a dead worker left behind blocks the job it was changing.</summary>
    public static readonly TimeSpan AbandonedLockTimeout = TimeSpan.FromMinutes(1);

    private const string SchemaName = "hangfire";

    /// <summary>Any fixed number: the advisory lock that lets one process at a time install or upgrade Hangfire's schema.</summary>
    private const long SchemaInstallLock = 0x4775617264726169;

    public static void Use(IGlobalConfiguration hangfire, GuardrailsConfig config, string stateDirectory)
    {
        var engine = config.Engine;
        if (config.Storage.Postgres is { } postgres)
        {
            InstallSchemaOnce(postgres);
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
                // A worker killed while it holds a job's lock (it takes one for every state change: a part killed
                // as it is marked done) leaves the lock row behind, and no other worker may move that job until
                // the lock counts as abandoned: after 10 minutes by default, which left a dead worker's part stuck
                // in Processing. Hangfire holds these locks for milliseconds; a minute is ample.
                DistributedLockTimeout = AbandonedLockTimeout,
                PrepareSchemaIfNecessary = false,
                SchemaName = SchemaName,
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

    /// <summary>
    /// Installs (or upgrades) Hangfire's schema with one process at a time. Hangfire.PostgreSql's own install is not
    /// safe against itself: two workers, or a worker and <c>audit</c>, started together on a new database failed with
    /// <c>XX000: could not find tuple for constraint</c> and the loser never ran. An advisory lock serialises them;
    /// the installer itself skips what is already there.
    /// </summary>
    internal static void InstallSchemaOnce(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", SchemaInstallLock);
            take.ExecuteNonQuery();
        }
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, SchemaName);
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", SchemaInstallLock);
            release.ExecuteNonQuery();
        }
    }
}

using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>Opens the store guardrails.yaml asks for: PostgreSQL when it names one, else SQLite in the state folder.</summary>
internal static class FindingsStores
{
    public const string SqliteFileName = "findings.db";

    /// <summary>
    /// <paramref name="location"/> (from --store) wins: a PostgreSQL connection string (it holds '=')
    /// or a SQLite file. Then storage.postgres. Then STATE/findings.db.
    /// </summary>
    public static IFindingsStore Open(StorageSettings settings, string stateDirectory, string? location = null)
    {
        if (location is not null)
        {
            return location.Contains('=', StringComparison.Ordinal)
                ? new PostgresFindingsStore(location)
                : new SqliteFindingsStore(location);
        }
        return settings.Postgres is { } postgres
            ? new PostgresFindingsStore(postgres)
            : new SqliteFindingsStore(Path.Combine(stateDirectory, SqliteFileName));
    }

    public static string Describe(IFindingsStore store) => store switch
    {
        SqliteFindingsStore sqlite => $"SQLite {sqlite.Path}",
        PostgresFindingsStore => "PostgreSQL",
        _ => store.GetType().Name,
    };
}

using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>Opens a fresh store of either kind, so that one test checks both implementations.</summary>
internal sealed class StoreKind : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly TemporaryDirectory? _directory;
    private readonly TestDatabase? _database;

    private StoreKind(IFindingsStore store, TemporaryDirectory? directory, TestDatabase? database)
    {
        Store = store;
        _directory = directory;
        _database = database;
    }

    public IFindingsStore Store { get; }

    /// <summary>What --store takes to reach the same store: the SQLite file or the connection string.</summary>
    public string Location => _database?.ConnectionString ?? Path.Combine(_directory!.Path, "findings.db");

    public static async Task<StoreKind> OpenAsync(string kind)
    {
        StoreKind opened;
        if (kind == Postgres)
        {
            var database = await TestPostgres.CreateDatabaseAsync();
            opened = new StoreKind(new PostgresFindingsStore(database.ConnectionString), null, database);
        }
        else
        {
            var directory = new TemporaryDirectory();
            opened = new StoreKind(new SqliteFindingsStore(Path.Combine(directory.Path, "findings.db")), directory, null);
        }
        await opened.Store.EnsureSchemaAsync(TestContext.Current.CancellationToken);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

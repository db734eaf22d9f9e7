using Npgsql;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>A database made for one test on the test PostgreSQL server, dropped (connections and all) when disposed.</summary>
internal sealed class TestDatabase(string server, string name, string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

using Npgsql;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>
/// The PostgreSQL server that scripts/test.sh (or scripts/with-postgres.sh) starts, named by
/// GUARDRAILS_TEST_POSTGRES. Each test gets a database of its own. Without the server a test skips
/// with a clear message; in CI (CI=true) it fails, since a skipped test proves nothing.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "GUARDRAILS_TEST_POSTGRES";

    public static string ServerConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var message = $"{Variable} is not set: run the tests through scripts/test.sh or scripts/with-postgres.sh to get a throwaway PostgreSQL server";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }
            Assert.Skip(message);
        }
        return connectionString!;
    }

    /// <summary>A new, empty database; dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var server = ServerConnectionString();
        var name = "gr_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(server, name, builder.ConnectionString);
    }
}

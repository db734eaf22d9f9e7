using Npgsql;
using Ocado.Guardrails.Scanner.Jobs;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>Workers and <c>audit</c> started together on a new database each install Hangfire's schema; none may fail.</summary>
[Collection(HangfireStatics.Name)]
public sealed class HangfireSchemaTests
{
    [Fact]
    public async Task EightProcessesInstallingTheSchemaAtOnceOnANewDatabaseAllSucceedAndLeaveOneSchema()
    {
        // The installer takes Hangfire's static log provider on first use: never a serve host's disposed one.
        HangfireStatics.Quiet();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        using var start = new Barrier(8);
        var installs = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            HangfireStorage.InstallSchemaOnce(database.ConnectionString);
        })).ToArray();

        await Task.WhenAll(installs);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var version = new NpgsqlCommand("SELECT count(*), max(version) FROM hangfire.schema", connection);
        await using var reader = await version.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.True(reader.GetInt32(1) >= 20, $"schema version {reader.GetInt32(1)}");
    }
}

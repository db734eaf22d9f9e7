using System.Net;
using Ocado.Guardrails.Tests.Scanner.Jobs;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>serve with PostgreSQL and a --state folder that did not exist crashed at start: the folder is the host's content root.</summary>
[Collection(HangfireStatics.Name)]
public sealed class ServeStateFolderTests
{
    [Fact]
    public async Task ServeWithPostgreSqlCreatesAStateFolderThatDoesNotExistAndStarts()
    {
        HangfireStatics.Quiet();
        await using var database = await TestPostgres.CreateDatabaseAsync();
        using var parent = new TemporaryDirectory();
        var state = Path.Combine(parent.Path, "not", "yet", "there");

        await using var host = await ServeHost.StartAsync($"storage:\n  postgres: \"{database.ConnectionString}\"\n", state);
        using var health = await host.SendAsync(HttpMethod.Get, "/healthz", "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(Directory.Exists(state));
    }

    [Fact]
    public void AStateFolderThatCannotBeCreatedIsAClearErrorWithExitCode2NotACrash()
    {
        using var estate = new TinyEstate().Compliant("fine").Write();
        var file = Path.Combine(estate.Directory, "a-file");
        File.WriteAllText(file, "");

        var serve = GuardrailsProcess.Run(estate.Directory, "serve", "--snapshot", estate.Directory, "--state", Path.Combine(file, "state"), "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, serve.ExitCode);
        Assert.StartsWith($"error: --state {Path.Combine(file, "state")}: cannot create the folder", serve.Error);
        Assert.DoesNotContain("   at ", serve.Error);
    }
}

using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// Assumed-role sessions last an hour; a long collection or worker outlives them. The test server's
/// sessions expire on a fake clock (signatures keep the real one) and it answers ExpiredToken after.
/// </summary>
public sealed class SessionRenewalTests : IAsyncDisposable
{
    private const string Region = "eu-west-1";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<ImmutableCredentials> _issued = [];
    private CollectionHarness _harness = null!;
    private RateLimiters _limiters = null!;
    private RoleAssumer _roles = null!;
    private AwsClients _clients = null!;
    private readonly HttpClient _http = new();

    private async Task<string> StartAsync()
    {
        _harness = await CollectionHarness.StartAsync(accounts: 1, resourcesPerRegion: 3, regions: [Region]);
        _harness.Server.SessionClock = _clock;
        var retry = new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(20));
        var statistics = new AwsCallStatistics();
        _limiters = new RateLimiters(500, 1, TimeProvider.System);
        _roles = new RoleAssumer(new BasicAWSCredentials(_harness.Server.AccessKey, _harness.Server.SecretKey), Region, _harness.Endpoints, retry, _limiters, statistics, _clock,
            session => { lock (_issued) { _issued.Add(session); } });
        // Requests are signed at the real time: only the sessions live on the fake clock.
        _clients = AwsClients.Over(new AwsRequestSender(_http, _harness.Endpoints, _limiters, retry, statistics, TimeProvider.System));
        return _harness.Server.Estate.Accounts.Keys.Single();
    }

    private Task<AWSCredentials> AssumeAsync(string account) =>
        _roles.AssumeAsync(account, "GuardrailsAudit", CollectionHarness.ExternalId, "guardrails-renewal-test", TestContext.Current.CancellationToken);

    private async Task<int> ListTaggedAsync(string account, AWSCredentials credentials)
    {
        var count = 0;
        await foreach (var _ in _clients.Tagging.GetResourcesAsync(new AwsContext(account, Region, credentials), TestContext.Current.CancellationToken))
        {
            count++;
        }
        return count;
    }

    [Fact]
    public async Task TheRoleIsAssumedAgainFiveMinutesBeforeTheSessionExpiresAndTheNextCallUsesTheNewSession()
    {
        var account = await StartAsync();
        var credentials = await AssumeAsync(account);
        var tagged = await ListTaggedAsync(account, credentials);
        Assert.True(tagged > 0);
        Assert.Equal(1, _harness.Server.AssumeRoleCalls(account));

        _clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal(tagged, await ListTaggedAsync(account, credentials));
        Assert.Equal(1, _harness.Server.AssumeRoleCalls(account));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(tagged, await ListTaggedAsync(account, credentials));
        Assert.Equal(2, _harness.Server.AssumeRoleCalls(account));

        // Well past the second session's end as well: a third.
        _clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(tagged, await ListTaggedAsync(account, credentials));
        Assert.Equal(3, _harness.Server.AssumeRoleCalls(account));

        Assert.DoesNotContain(_harness.Server.Requests, r => r.Status >= 400);
        Assert.Equal(3, _issued.Select(s => s.AccessKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(_clock.GetUtcNow().AddHours(1).UtcDateTime, credentials.Expiration!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ASessionThatIsNotRenewedIsRefusedOnceItExpires()
    {
        var account = await StartAsync();
        var assumed = (AssumedRoleCredentials)await AssumeAsync(account);
        var current = assumed.Current;
        var fixedSession = new SessionAWSCredentials(current.AccessKey, current.SecretKey, current.Token);
        Assert.True(await ListTaggedAsync(account, fixedSession) > 0);

        _clock.Advance(TimeSpan.FromMinutes(61));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => ListTaggedAsync(account, fixedSession));
        Assert.Equal("ExpiredTokenException", error.Code);
        Assert.True(await ListTaggedAsync(account, assumed) > 0);
    }

    [Fact]
    public async Task ManyCallersAtTheExpiryShareOneRenewal()
    {
        var account = await StartAsync();
        var credentials = await AssumeAsync(account);
        _clock.Advance(TimeSpan.FromMinutes(58));

        var sessions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(credentials.GetCredentialsAsync, TestContext.Current.CancellationToken)));

        Assert.Equal(2, _harness.Server.AssumeRoleCalls(account));
        Assert.Single(sessions.Select(s => s.AccessKey).Distinct(StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        _roles?.Dispose();
        if (_limiters is not null)
        {
            await _limiters.DisposeAsync();
        }
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
        _http.Dispose();
    }
}

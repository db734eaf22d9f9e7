using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>What keeps a scan's memory near what it holds: findings sharing equal text, and the garbage bound.</summary>
public sealed class ScanMemoryTests
{
    private static Finding Finding(string arn, string? evidence, IReadOnlyDictionary<string, string>? tags) => new()
    {
        RuleId = "iam-principal-no-admin-access",
        Family = "iam",
        Severity = Severity.High,
        Verdict = Verdict.Fail,
        ResourceArn = arn,
        ResourceType = "AWS::IAM::Role",
        AccountId = "111111111111",
        Region = "global",
        Message = $"{arn} is an administrator",
        Evidence = evidence,
        Tags = tags,
    };

    [Fact]
    public void FindingsWithEqualEvidenceAndTagsShareOneCopyOfEach()
    {
        var shared = new SharedFindingText();
        // Built apart, as two resources' findings are: equal text, not the same objects.
        var first = shared.Share(Finding("arn:aws:iam::111111111111:role/a", new string("{\"Effect\":\"Allow\"}".AsSpan()),
            new Dictionary<string, string> { ["owner"] = "team-a", ["env"] = "prod" }));
        var second = shared.Share(Finding("arn:aws:iam::111111111111:role/b", new string("{\"Effect\":\"Allow\"}".AsSpan()),
            new Dictionary<string, string> { ["env"] = "prod", ["owner"] = "team-a" }));

        Assert.Same(first.Evidence, second.Evidence);
        Assert.Same(first.Tags, second.Tags);
        // Nothing else of the finding changes.
        Assert.Equal("arn:aws:iam::111111111111:role/b", second.ResourceArn);
        Assert.Equal("arn:aws:iam::111111111111:role/b is an administrator", second.Message);
    }

    [Fact]
    public void TagSetsThatDifferInAValueOrACaseAreNotShared()
    {
        var shared = new SharedFindingText();
        var first = shared.Share(Finding("arn:aws:s3:::a", null, new Dictionary<string, string> { ["owner"] = "team-a" }));
        var value = shared.Share(Finding("arn:aws:s3:::b", null, new Dictionary<string, string> { ["owner"] = "team-b" }));
        var keyCase = shared.Share(Finding("arn:aws:s3:::c", null, new Dictionary<string, string> { ["Owner"] = "team-a" }));
        // A masked secret is not the secret: the two never stand for each other.
        var masked = shared.Share(Finding("arn:aws:s3:::d", null, new Dictionary<string, string> { ["owner"] = "team-a", ["token"] = "****" }));
        var secret = shared.Share(Finding("arn:aws:s3:::e", null, new Dictionary<string, string> { ["owner"] = "team-a", ["token"] = "ghp_secret" }));

        Assert.Equal("team-b", value.Tags!["owner"]);
        Assert.Equal("team-a", keyCase.Tags!["Owner"]);
        Assert.False(keyCase.Tags.ContainsKey("owner"));
        Assert.NotSame(first.Tags, value.Tags);
        Assert.Equal("****", masked.Tags!["token"]);
        Assert.Equal("ghp_secret", secret.Tags!["token"]);
    }

    [Fact]
    public void AFindingWithNothingToShareIsKeptAsItIs()
    {
        var shared = new SharedFindingText();
        var alone = Finding("arn:aws:s3:::a", "evidence", new Dictionary<string, string> { ["owner"] = "team-a" });
        var bare = Finding("arn:aws:s3:::b", null, null);

        Assert.Same(alone, shared.Share(alone));
        Assert.Same(bare, shared.Share(bare));
    }
}

/// <summary>The collector's figures are the process's: no other test allocates while these run.</summary>
[CollectionDefinition(nameof(GarbageBoundTests), DisableParallelization = true)]
public sealed class GarbageBoundCollection;

[Collection(nameof(GarbageBoundTests))]
public sealed class GarbageBoundTests
{
    [Fact]
    public void TheGarbageBoundCollectsOnceTheHeapHasGrownByItsHeadroomAndNotBefore()
    {
        var bound = new GarbageBound(headroomBytes: 64L * 1024 * 1024);
        bound.Collect();
        Assert.False(bound.CollectIfGrown());

        // 128 MB promoted to the oldest generation, then dropped: garbage that only a full collection frees.
        byte[]? held = new byte[128 * 1024 * 1024];
        held[^1] = 1;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        Assert.Equal(1, held[^1]);
        held = null;
        GC.KeepAlive(held);
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);

        Assert.True(bound.CollectIfGrown());
        Assert.False(bound.CollectIfGrown());
    }

    [Fact]
    public void WhatTheBoundSaysIsHeldAfterItsCollectionIsWhatIsLive()
    {
        // What the principal graph's stage says it holds (PrincipalGraphStage): the heap after the bound's collection.
        var bound = new GarbageBound(GarbageBound.DefaultHeadroom);
        byte[]? live = new byte[64 * 1024 * 1024];
        live[^1] = 1;
        bound.Collect();
        var withIt = bound.HeldAfterCollection;
        Assert.Equal(1, live[^1]);
        live = null;
        GC.KeepAlive(live);
        bound.Collect();

        Assert.True(withIt >= 64L * 1024 * 1024, $"{withIt} bytes held with a 64 MB array live");
        Assert.InRange(withIt - bound.HeldAfterCollection, 60L * 1024 * 1024, 80L * 1024 * 1024);
    }
}

using System.Security.Cryptography;
using Bogus;
using Ocado.Guardrails.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

public sealed class DemoGenerationTests
{
    [Fact]
    public void TheSameSeedAndSizeWriteByteIdenticalFiles()
    {
        var (first, _) = DemoBuilder.Generate();
        var (second, _) = DemoBuilder.Generate();
        try
        {
            var files = DemoBuilder.Files(first).Select(f => Path.GetRelativePath(first, f)).ToList();
            Assert.Equal(files, DemoBuilder.Files(second).Select(f => Path.GetRelativePath(second, f)));
            Assert.All(files, file => Assert.Equal(Hash(Path.Combine(first, file)), Hash(Path.Combine(second, file))));
        }
        finally
        {
            DemoBuilder.Delete(first);
            DemoBuilder.Delete(second);
        }
    }

    [Fact]
    public void AnotherSeedGivesAnotherEstate()
    {
        var (first, one) = DemoBuilder.Generate(seed: 1);
        var (second, two) = DemoBuilder.Generate(seed: 2);
        DemoBuilder.Delete(first);
        DemoBuilder.Delete(second);
        Assert.NotEqual(one.GapAccountId, two.GapAccountId);
    }

    [Fact]
    public void ASizeOutOfRangeIsRefusedBeforeAnythingIsWritten()
    {
        var directory = DemoBuilder.TempDirectory();
        try
        {
            var error = Assert.Throws<ArgumentException>(() => DemoEstate.Write(directory, new DemoOptions { Size = 10 }));
            Assert.StartsWith("Validation Errors: Size must be between", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        }
        finally
        {
            DemoBuilder.Delete(directory);
        }
    }

    [Fact]
    public void ADirectoryHoldingSomethingElseIsRefusedAndAnEarlierDemoIsReplaced()
    {
        var directory = DemoBuilder.TempDirectory();
        try
        {
            File.WriteAllText(Path.Combine(directory, "notes.txt"), "mine");
            Assert.Throws<IOException>(() => DemoEstate.Write(directory, new DemoOptions { Size = DemoBuilder.SmallSize }));
            File.Delete(Path.Combine(directory, "notes.txt"));
            var first = DemoEstate.Write(directory, new DemoOptions { Size = DemoBuilder.SmallSize, Seed = 1 });
            var second = DemoEstate.Write(directory, new DemoOptions { Size = DemoBuilder.SmallSize, Seed = 2 });
            Assert.False(Directory.Exists(Path.Combine(directory, first.GapAccountId)));
            Assert.Equal(second.GapAccountId, DemoManifest.Load(directory).GapAccountId);
        }
        finally
        {
            DemoBuilder.Delete(directory);
        }
    }

    [Fact]
    public void ARegionWithMoreItemsThanAFileHoldsIsSplitIntoNumberedFiles()
    {
        var directory = DemoBuilder.TempDirectory();
        try
        {
            using (var writer = new ConfigSnapshotWriter(directory, "111111111111", "eu-west-1", new Randomizer(1), maxItemsPerFile: 2))
            {
                for (var i = 0; i < 5; i++)
                {
                    var item = new ConfigItem("AWS::SQS::Queue", $"q{i}", $"q{i}", $"arn:aws:sqs:eu-west-1:111111111111:q{i}", "eu-west-1",
                        "Not Applicable", DateTimeOffset.UnixEpoch);
                    writer.Write(item, new TagSet(), [], _ => { });
                }
            }
            var files = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["eu-west-1-1.json", "eu-west-1-2.json", "eu-west-1-3.json"], files);
            Assert.Equal(5, DemoBuilder.ConfigurationItemsIn(directory).Count());
        }
        finally
        {
            DemoBuilder.Delete(directory);
        }
    }

    [Fact]
    public void ProgressCountsEveryResource()
    {
        var directory = DemoBuilder.TempDirectory();
        var reported = 0;
        try
        {
            var manifest = DemoEstate.Write(directory, new DemoOptions { Size = DemoBuilder.SmallSize },
                new SynchronousProgress(total => reported = Math.Max(reported, total)));
            Assert.Equal(manifest.Resources, reported);
        }
        finally
        {
            DemoBuilder.Delete(directory);
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

namespace Ocado.Guardrails.Tests.Support;

/// <summary>
/// The real public data the tests read, copied into tests/data with its provenance (tests/data/PROVENANCE.md):
/// the CloudFormation corpus in tests/data/cloudformation, everything else in tests/data/real, laid out as in
/// the project's shared fixtures (shared/fixtures/real) it was taken from. A fresh clone holds all of it, so
/// no test skips or fails for want of a folder beside the repository; a path that is not there fails the
/// test, naming the file that should have been copied.
/// </summary>
internal static class Fixtures
{
    /// <summary>A file or folder under tests/data/real.</summary>
    public static string Real(params string[] parts) => Existing(["real", .. parts]);

    /// <summary>A file or folder under tests/data.</summary>
    public static string Data(params string[] parts) => Existing(parts);

    private static string Existing(string[] parts)
    {
        var path = Path.Combine([RepoPaths.TestData, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Fail($"the fixture {path} is missing: copy it into tests/data and list it in tests/data/PROVENANCE.md");
        }
        return path;
    }
}

namespace Ocado.Guardrails.Tests.Support;

/// <summary>
/// The public real-world data in ../shared/fixtures/real. Outside CI a test that needs it skips with
/// a clear message when it is absent; in CI (CI=true) its absence fails the test, since a skipped
/// test proves nothing.
/// </summary>
internal static class SharedFixtures
{
    public static string Path(params string[] parts)
    {
        var path = System.IO.Path.Combine([RepoPaths.SharedFixtures, .. parts]);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }
        var message = $"the shared fixture {path} is absent (clone the project beside its shared/ folder)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }
        Assert.Skip(message);
        return path;
    }
}

namespace Ocado.Guardrails.Tests.Support;

/// <summary>Where the repository's folders are, found from the test's working directory upwards.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Catalog => Path.Combine(Root, "rules-catalog");

    public static string TestData => Path.Combine(Root, "tests", "data");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ocado.Guardrails.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Ocado.Guardrails.sln not found above " + AppContext.BaseDirectory);
    }
}

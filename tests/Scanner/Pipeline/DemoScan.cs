using System.Text.Json;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>The README's first command, run once for the tests that read what it wrote.</summary>
public sealed class DemoScan : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public DemoScan()
    {
        Outcome = GuardrailsProcess.Run(_directory.Path, "scan", "--demo", "--out", "out");
        Output = Path.Combine(_directory.Path, "out");
    }

    public GuardrailsProcess.Outcome Outcome { get; }

    public string Output { get; }

    public string Snapshot => Path.Combine(Output, "demo-snapshot");

    public JsonDocument Findings(string relativePath = "findings.json") => JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, relativePath)));

    public void Dispose() => _directory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DemoScanCollection : ICollectionFixture<DemoScan>
{
    public const string Name = "demo scan";
}

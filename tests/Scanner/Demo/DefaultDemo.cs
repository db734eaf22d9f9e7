using Ocado.Guardrails.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

/// <summary>The default demo (seed and size), generated once for every test of the "default demo" collection.</summary>
public sealed class DefaultDemo : IDisposable
{
    public DefaultDemo()
    {
        Directory = DemoBuilder.TempDirectory();
        Manifest = DemoEstate.Write(Directory, new DemoOptions());
    }

    public string Directory { get; }
    public DemoManifest Manifest { get; }

    public void Dispose() => DemoBuilder.Delete(Directory);
}

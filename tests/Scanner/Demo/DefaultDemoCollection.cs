namespace Ocado.Guardrails.Tests.Scanner.Demo;

/// <summary>Tests that read the default demo share one generation of it.</summary>
[CollectionDefinition(Name)]
public sealed class DefaultDemoCollection : ICollectionFixture<DefaultDemo>
{
    public const string Name = "default demo";
}

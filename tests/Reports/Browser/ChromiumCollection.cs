namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>
/// The browser tests share one Chromium and run one after another: on two cores, pages opened in
/// parallel would only slow each other down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}

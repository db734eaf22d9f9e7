namespace Ocado.Guardrails.Rules.Engine;

/// <summary>Keeps compiled catalogs by content hash, so that an unchanged catalog loads without compiling.</summary>
public interface IRuleAssemblyCache
{
    byte[]? Get(string hash);

    void Put(string hash, byte[] image);
}

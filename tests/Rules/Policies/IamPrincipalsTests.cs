using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class IamPrincipalsTests
{
    private const string PassRole = """{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}""";
    private const string RunInstances = """{"Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}""";

    [Fact]
    public void AConfigUsersPoliciesAreItsInlineItsAttachedAndItsGroupsPolicies()
    {
        var user = IamTestData.ConfigUser("alice", ["devs"], [("pass", "arn:aws:iam::111111111111:policy/pass")], ("own", """{"Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"""));
        var group = IamTestData.ConfigGroup("devs", [], ("run", RunInstances));
        var inventory = new Inventory([user, group, IamTestData.ConfigPolicy("pass", PassRole)]);

        var policies = IamPrincipals.PoliciesOf(user, inventory);
        var permissions = IamPrincipals.PermissionsOf(user, inventory, IamTestData.Now);

        Assert.Equal(["inline policy own", "managed policy pass", "inline policy run (via group devs)"], policies.Select(p => p.Name));
        Assert.True(permissions.Can("iam:PassRole").Allowed);
        Assert.True(permissions.Can("ec2:RunInstances").Allowed);
        Assert.Empty(permissions.Unresolved);
    }

    [Fact]
    public void OnlyTheDefaultVersionOfAManagedPolicyCounts()
    {
        var policy = IamTestData.ConfigPolicy("p", RunInstances, oldDocument: """{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

        var document = IamPrincipals.DefaultVersionOf(policy);

        Assert.Equal(["ec2:RunInstances"], Assert.Single(document!.Statements).Actions);
    }

    [Fact]
    public void WhatCannotBeFoundIsListedAsUnresolvedNotSilentlyDropped()
    {
        var user = IamTestData.ConfigUser("bob", ["missing-group"], [("gone", "arn:aws:iam::111111111111:policy/gone")]);

        var permissions = IamPrincipals.PermissionsOf(user, new Inventory([user]), IamTestData.Now);

        Assert.Equal(["managed policy gone", "group missing-group"], permissions.Unresolved);
    }

    [Fact]
    public void AdministratorAccessIsKnownEvenWhenTheSnapshotLacksAwssPolicyText()
    {
        var user = IamTestData.ConfigUser("root-ish", [], [("AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess")]);

        Assert.True(IamPrincipals.PermissionsOf(user, new Inventory([user]), IamTestData.Now).AllowsAdmin);
    }

    [Fact]
    public void AuthorizationDetailsEntriesWorkTheSameWayWithUrlEncodedInlineDocuments()
    {
        var resources = AuthorizationDetails.ToResources(JsonDocument.Parse(IamTestData.AuthorizationDetails).RootElement);
        var inventory = new Inventory(resources);
        var dev = inventory.Find("arn:aws:iam::111111111111:user/dev")!;

        var permissions = IamPrincipals.PermissionsOf(dev, inventory, IamTestData.Now);

        Assert.True(permissions.Can("ec2:RunInstances").Allowed);
        Assert.True(permissions.Can("iam:PassRole").Allowed);
        Assert.True(permissions.Can("logs:PutLogEvents").Allowed);
        Assert.True(permissions.Can("s3:GetObject").Allowed);
        Assert.False(permissions.AllowsAdmin);
        Assert.True(IamPrincipals.PermissionsOf(inventory.Find("arn:aws:iam::111111111111:role/ops")!, inventory, IamTestData.Now).AllowsAdmin);
    }

    private static readonly string TrustText =
        IamTestData.Encoded("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");

    [Fact]
    public void ARolesTrustPolicyIsReadFromEitherShape()
    {
        var resources = AuthorizationDetails.ToResources(JsonDocument.Parse(IamTestData.AuthorizationDetails).RootElement);
        var configRole = IamTestData.Item($$"""
            {"resourceType":"AWS::IAM::Role","resourceId":"AROAX","resourceName":"x","awsAccountId":"111111111111","awsRegion":"global",
             "configuration":{"roleName":"x","assumeRolePolicyDocument":{{TrustText}} } }
            """);

        var fromDetails = IamPrincipals.TrustPolicyOf(resources.Single(r => r.Name == "ops"))!;
        var fromConfig = IamPrincipals.TrustPolicyOf(configRole)!;

        Assert.Equal("AWS arn:aws:iam::333333333333:root", fromDetails.Statements[0].Principals[0].ToString());
        Assert.Equal("Service ec2.amazonaws.com", fromConfig.Statements[0].Principals[0].ToString());
    }
}

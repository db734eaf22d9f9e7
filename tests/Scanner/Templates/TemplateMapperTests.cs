using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Templates;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

public sealed class TemplateMapperTests
{
    private const string Account = "111122223333";

    private static MappedTemplate Map(string yaml) =>
        TemplateMapper.Map(TemplateReaderTests.Read(yaml), new TemplateContext { Account = Account, Region = "eu-west-1" });

    private static Resource Only(MappedTemplate mapped, string logicalId) => mapped.Resources.Single(r => r.Source.LogicalId == logicalId).Resource;

    private const string Open = "{ Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: '*', Action: '*', Resource: '*' }] }";

    [Fact]
    public void ABucketPolicyIsJoinedToItsBucketWhereAwsConfigKeepsIt()
    {
        var mapped = Map($"""
            Resources:
              Data:
                Type: AWS::S3::Bucket
                Properties: {"{"} BucketName: data, Tags: [{"{"} Key: owner, Value: a@b.c {"}"}] {"}"}
              DataPolicy:
                Type: AWS::S3::BucketPolicy
                Properties: {"{"} Bucket: !Ref Data, PolicyDocument: {Open} {"}"}
            """);
        var bucket = Only(mapped, "Data");
        Assert.Equal("arn:aws:s3:::data", bucket.Arn);
        Assert.Equal("a@b.c", bucket.Tag("owner"));
        Assert.True(ResourcePolicies.Of(bucket)!.Statements.Single().IsAllow);
        Assert.Equal("Data", mapped.AttachedTo["DataPolicy"]);
    }

    [Theory]
    [InlineData("AWS::SQS::Queue", "AWS::SQS::QueuePolicy", "Queues")]
    [InlineData("AWS::SNS::Topic", "AWS::SNS::TopicPolicy", "Topics")]
    public void QueueAndTopicPoliciesLandInConfigurationPolicy(string type, string policyType, string targets)
    {
        var mapped = Map($$"""
            Resources:
              Target: { Type: {{type}}, Properties: { Tags: { owner: a@b.c } } }
              Grant: { Type: {{policyType}}, Properties: { {{targets}}: [!Ref Target], PolicyDocument: {{Open}} } }
            """);
        var target = Only(mapped, "Target");
        Assert.Equal(type, target.Type);
        Assert.Equal("a@b.c", target.Tag("owner"));
        Assert.NotNull(ResourcePolicies.Of(target));
    }

    [Fact]
    public void AKeyPolicyLandsInSupplementaryConfiguration()
    {
        var key = Only(Map($"Resources:\n  Key: {{ Type: AWS::KMS::Key, Properties: {{ KeyPolicy: {Open} }} }}\n"), "Key");
        Assert.NotNull(ResourcePolicies.Of(key));
    }

    [Fact]
    public void ARoleCarriesTrustInlinePoliciesAndManagedPoliciesFromTheTemplate()
    {
        var mapped = Map($$"""
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
                  Policies: [{ PolicyName: own, PolicyDocument: {{Open}} }]
                  ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess, !Ref Managed]
              Managed: { Type: AWS::IAM::ManagedPolicy, Properties: { PolicyDocument: {{Open}} } }
              Extra: { Type: AWS::IAM::Policy, Properties: { PolicyName: extra, Roles: [!Ref Role], PolicyDocument: {{Open}} } }
            """);
        var role = Only(mapped, "Role");
        Assert.NotNull(IamPrincipals.TrustPolicyOf(role));
        Assert.Equal(2, role.Config("RolePolicyList")!.Value.GetArrayLength());
        Assert.Contains($"arn:aws:iam::{Account}:policy/Managed", role.Config("AttachedManagedPolicies")!.Value.GetRawText(), StringComparison.Ordinal);
        var managed = Only(mapped, "Managed");
        Assert.Equal("AWS::IAM::Policy", managed.Type);
        Assert.NotNull(IamPrincipals.DefaultVersionOf(managed));
    }

    [Fact]
    public void UsersInstancesFunctionsAndBeanstalkEnvironmentsKeepTheirTags()
    {
        var mapped = Map("""
            Resources:
              User: { Type: AWS::IAM::User, Properties: { Groups: [admins], Tags: [{ Key: owner, Value: u }] } }
              Vm: { Type: AWS::EC2::Instance, Properties: { Tags: [{ Key: owner, Value: v }] } }
              Fn: { Type: AWS::Lambda::Function, Properties: { Tags: [{ Key: owner, Value: f }] } }
              Call: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !GetAtt Fn.Arn, Action: lambda:InvokeFunction, Principal: '*' } }
              Env: { Type: AWS::ElasticBeanstalk::Environment, Properties: { Tags: [{ Key: owner, Value: e }] } }
            """);
        Assert.Equal(["u", "v", "f", "e"], new[] { "User", "Vm", "Fn", "Env" }.Select(id => Only(mapped, id).Tag("owner")));
        Assert.True(ResourcePolicies.Of(Only(mapped, "Fn"))!.Statements.Single().IsAllow);
    }

    [Fact]
    public void ARepositoryPolicyLandsInSupplementaryConfigurationHardened()
    {
        var repository = Only(Map("""
            Parameters: { Act: { Type: String } }
            Resources:
              Images:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryName: images
                  RepositoryPolicyText: { Statement: [{ Effect: Allow, Principal: '*', Action: !Ref Act }] }
            """), "Images");
        Assert.Equal(("AWS::ECR::Repository", "arn:aws:ecr:eu-west-1:111122223333:repository/images"), (repository.Type, repository.Arn));
        // The only copy the rules read is the hardened one: the unknown action is "*".
        Assert.Null(repository.Config("RepositoryPolicyText"));
        Assert.Equal(["*"], ResourcePolicies.Of(repository)!.Statements.Single().Actions);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("AccessControl: Private", "")]
    [InlineData("AccessControl: BucketOwnerFullControl", "")]
    [InlineData("AccessControl: LogDeliveryWrite", "")]
    [InlineData("AccessControl: PublicRead", "Read to AllUsers")]
    [InlineData("AccessControl: PublicReadWrite", "Read to AllUsers, Write to AllUsers")]
    [InlineData("AccessControl: AuthenticatedRead", "Read to AuthenticatedUsers")]
    [InlineData("AccessControl: !Ref Acl", "Read to AllUsers, Write to AllUsers")]
    public void ACannedAclBecomesTheGrantsAwsConfigRecordsAndAnUnknownOneIsPublicReadWrite(string property, string foreign)
    {
        var bucket = Only(Map($$"""
            Parameters: { Acl: { Type: String } }
            Resources:
              Data: { Type: AWS::S3::Bucket, Properties: { BucketName: data, {{property}} } }
            """), "Data");
        var grants = BucketAcl.Grants(bucket)!;
        Assert.Contains(grants, g => !g.IsForeign && g.Kind == GrantKind.Own);
        Assert.Equal(foreign, string.Join(", ", grants.Where(g => g.IsForeign).Select(g => string.Join(' ', g.Description.Split(' ').Take(3)))));
    }

    [Fact]
    public void AnUnsupportedTypeIsReportedAsNotAssessed()
    {
        var mapped = Map("Resources:\n  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\n");
        Assert.Empty(mapped.Resources);
        Assert.Contains("not mapped", Assert.Single(mapped.NotAssessed).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownActionIsJudgedAsAWildcardAndAnUnknownPrincipalAsAForeignAccount()
    {
        var role = Only(Map("""
            Parameters: { Act: { Type: String }, Peer: { Type: String } }
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { AWS: !Ref Peer }, Action: sts:AssumeRole }] }
                  Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: !Ref Act, Resource: '*' }] } }]
            """), "Role");
        Assert.Contains("\"*\"", role.Config("RolePolicyList")!.Value.GetRawText(), StringComparison.Ordinal);
        var grants = AccessAnalyzer.Grants(IamPrincipals.TrustPolicyOf(role)!, role, Ocado.Guardrails.Rules.Estates.Estate.Empty);
        Assert.True(Assert.Single(grants).IsForeign);
    }
}

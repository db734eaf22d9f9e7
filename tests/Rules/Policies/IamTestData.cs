using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>IAM entities in both shapes AWS hands them out: Config items and authorization-details entries.</summary>
internal static class IamTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static Resource Item(string json) => ConfigurationItems.ToResource(JsonDocument.Parse(json).RootElement.Clone());

    public static string Encoded(string policy) => JsonSerializer.Serialize(Uri.EscapeDataString(policy));

    /// <summary>A Config item of a user, with inline policies URL-encoded as Config records them.</summary>
    public static Resource ConfigUser(string name, string[] groups, (string Name, string Arn)[] attached, params (string Name, string Document)[] inline) =>
        Item($$"""
            {"resourceType":"AWS::IAM::User","resourceId":"AIDA{{name}}","resourceName":"{{name}}","awsAccountId":"111111111111",
             "awsRegion":"global","ARN":"arn:aws:iam::111111111111:user/{{name}}",
             "configuration":{"userName":"{{name}}","groupList":[{{string.Join(",", groups.Select(g => $"\"{g}\""))}}],
               "attachedManagedPolicies":[{{Attached(attached)}}],
               "userPolicyList":[{{Inline(inline)}}]} }
            """);

    public static Resource ConfigGroup(string name, (string Name, string Arn)[] attached, params (string Name, string Document)[] inline) =>
        Item($$"""
            {"resourceType":"AWS::IAM::Group","resourceId":"AGPA{{name}}","resourceName":"{{name}}","awsAccountId":"111111111111",
             "awsRegion":"global","ARN":"arn:aws:iam::111111111111:group/{{name}}",
             "configuration":{"groupName":"{{name}}",
               "attachedManagedPolicies":[{{Attached(attached)}}],
               "groupPolicyList":[{{Inline(inline)}}]} }
            """);

    /// <summary>A Config item of a customer managed policy with two versions, the second the default.</summary>
    public static Resource ConfigPolicy(string name, string defaultDocument, string oldDocument = """{"Statement":[]}""") =>
        Item($$"""
            {"resourceType":"AWS::IAM::Policy","resourceId":"ANPA{{name}}","resourceName":"{{name}}","awsAccountId":"111111111111",
             "awsRegion":"global","ARN":"arn:aws:iam::111111111111:policy/{{name}}",
             "configuration":{"policyName":"{{name}}","defaultVersionId":"v2","policyVersionList":[
               {"document":{{Encoded(oldDocument)}},"versionId":"v1","isDefaultVersion":false},
               {"document":{{Encoded(defaultDocument)}},"versionId":"v2","isDefaultVersion":true}]} }
            """);

    private static string Inline((string Name, string Document)[] policies) =>
        string.Join(",", policies.Select(p => $"{{\"policyName\":\"{p.Name}\",\"policyDocument\":{Encoded(p.Document)}}}"));

    private static string Attached((string Name, string Arn)[] policies) =>
        string.Join(",", policies.Select(a => $"{{\"policyName\":\"{a.Name}\",\"policyArn\":\"{a.Arn}\"}}"));

    public const string AuthorizationDetails = """
        {"UserDetailList":[{"Path":"/","UserName":"dev","UserId":"AIDADEV","Arn":"arn:aws:iam::111111111111:user/dev",
            "GroupList":["devs"],"AttachedManagedPolicies":[{"PolicyName":"pass","PolicyArn":"arn:aws:iam::111111111111:policy/pass"}],
            "UserPolicyList":[{"PolicyName":"run","PolicyDocument":"%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22ec2%3ARunInstances%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}],
            "Tags":[{"Key":"owner","Value":"dev-team"}]}],
         "GroupDetailList":[{"GroupName":"devs","GroupId":"AGPADEVS","Arn":"arn:aws:iam::111111111111:group/devs",
            "GroupPolicyList":[{"PolicyName":"logs","PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}}],
            "AttachedManagedPolicies":[{"PolicyName":"ReadOnlyAccess","PolicyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}]}],
         "RoleDetailList":[{"RoleName":"ops","RoleId":"AROAOPS","Arn":"arn:aws:iam::111111111111:role/ops",
            "AssumeRolePolicyDocument":{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"sts:AssumeRole"}]},
            "RolePolicyList":[],"AttachedManagedPolicies":[{"PolicyName":"AdministratorAccess","PolicyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}]}],
         "Policies":[
           {"PolicyName":"pass","PolicyId":"ANPAPASS","Arn":"arn:aws:iam::111111111111:policy/pass","DefaultVersionId":"v1",
            "PolicyVersionList":[{"Document":{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]},"VersionId":"v1","IsDefaultVersion":true}]},
           {"PolicyName":"ReadOnlyAccess","PolicyId":"ANPARO","Arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","DefaultVersionId":"v2",
            "PolicyVersionList":[{"Document":{"Statement":[{"Effect":"Allow","Action":["s3:Get*","ec2:Describe*"],"Resource":"*"}]},"VersionId":"v2","IsDefaultVersion":true}]}]}
        """;
}

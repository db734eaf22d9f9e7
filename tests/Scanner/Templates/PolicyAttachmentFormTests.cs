using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Templates;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary>
/// A policy resource is attached to its target whatever form names it, as CloudFormation accepts it: a Lambda
/// permission's FunctionName as a name, name:alias, a partial or full ARN, or built with Sub, Join, GetAtt or Ref (YAML
/// short forms and JSON Fn:: forms); a queue policy's queue URL; a topic policy's ARN; a bucket policy's name.
/// See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
/// </summary>
public sealed class PolicyAttachmentFormTests
{
    private const string Account = "111122223333";

    private static MappedTemplate Map(string text, string extension = ".yaml") =>
        TemplateMapper.Map(TemplateReaderTests.Read(text, extension), new TemplateContext { Account = Account, Region = "eu-west-1" });

    private static Resource Only(MappedTemplate mapped, string logicalId) => mapped.Resources.Single(r => r.Source.LogicalId == logicalId).Resource;

    private static string LambdaYaml(string functionName) => $$"""
        Resources:
          Fn: { Type: AWS::Lambda::Function, Properties: { FunctionName: orders, Runtime: python3.12, Handler: a.b, Role: arn:aws:iam::111122223333:role/r, Code: { ZipFile: x } } }
          Call: { Type: AWS::Lambda::Permission, Properties: { FunctionName: {{functionName}}, Action: lambda:InvokeFunction, Principal: '*' } }
        """;

    [Theory]
    [InlineData("orders")]
    [InlineData("orders:live")]
    [InlineData("'orders:7'")]
    [InlineData("'111122223333:function:orders'")]
    [InlineData("'111122223333:function:orders:live'")]
    [InlineData("!Sub '${AWS::AccountId}:${Fn}'")]
    [InlineData("'eu-west-1:111122223333:function:orders'")]
    [InlineData("arn:aws:lambda:eu-west-1:111122223333:function:orders")]
    [InlineData("arn:aws:lambda:eu-west-1:111122223333:function:orders:live")]
    [InlineData("!Ref Fn")]
    [InlineData("!GetAtt Fn.Arn")]
    [InlineData("!GetAtt [Fn, Arn]")]
    [InlineData("!Sub '${Fn}'")]
    [InlineData("!Sub '${Fn.Arn}'")]
    [InlineData("!Sub '${Fn}:live'")]
    [InlineData("!Sub 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}'")]
    [InlineData("!Sub 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:orders:live'")]
    [InlineData("!Join ['', ['arn:aws:lambda:', !Ref 'AWS::Region', ':', !Ref 'AWS::AccountId', ':function:', !Ref Fn]]")]
    [InlineData("!Join [':', [!Ref Fn, live]]")]
    public void ALambdaPermissionInEveryYamlFormIsAttachedToItsFunction(string functionName)
    {
        var mapped = Map(LambdaYaml(functionName));

        Assert.Equal("Fn", mapped.AttachedTo["Call"]);
        Assert.Contains(ResourcePolicies.Of(Only(mapped, "Fn"))!.Statements, s => s.IsAllow && s.Principals.Any(p => p.IsEveryone));
    }

    [Theory]
    [InlineData("""{"Ref": "Fn"}""")]
    [InlineData("""{"Fn::GetAtt": ["Fn", "Arn"]}""")]
    [InlineData("""{"Fn::GetAtt": "Fn.Arn"}""")]
    [InlineData("""{"Fn::Sub": "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}"}""")]
    [InlineData("""{"Fn::Sub": ["${Name}:live", {"Name": {"Ref": "Fn"}}]}""")]
    [InlineData("""{"Fn::Join": [":", [{"Ref": "AWS::AccountId"}, "function", {"Ref": "Fn"}]]}""")]
    public void ALambdaPermissionInEveryJsonFormIsAttachedToItsFunction(string functionName)
    {
        var mapped = Map("""
            {"Resources": {
              "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "orders", "Runtime": "python3.12", "Handler": "a.b", "Role": "arn:aws:iam::111122223333:role/r", "Code": {"ZipFile": "x"}}},
              "Call": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": 
            """ + functionName + """
            , "Action": "lambda:InvokeFunction", "Principal": "*"}}}}
            """, ".json");

        Assert.Equal("Fn", mapped.AttachedTo["Call"]);
    }

    [Theory]
    [InlineData("other")]
    [InlineData("'999999999999:function:orders'")]
    [InlineData("arn:aws:lambda:eu-west-1:999999999999:function:orders")]
    public void ALambdaPermissionNamingAnotherFunctionOrAccountIsNotAttached(string functionName)
    {
        var mapped = Map(LambdaYaml(functionName));

        Assert.False(mapped.AttachedTo.ContainsKey("Call"));
        Assert.Null(ResourcePolicies.Of(Only(mapped, "Fn")));
    }

    [Theory]
    [InlineData("[!Ref Jobs]")]
    [InlineData("[!GetAtt Jobs.QueueUrl]")]
    [InlineData("['https://sqs.eu-west-1.amazonaws.com/111122223333/jobs']")]
    [InlineData("[!Sub 'https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/jobs']")]
    [InlineData("[!Sub 'https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/${Jobs.QueueName}']")]
    public void AQueuePolicyNamingItsQueueByUrlInAnyFormIsAttached(string queues)
    {
        var mapped = Map($$"""
            Resources:
              Jobs: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }
              Grant: { Type: AWS::SQS::QueuePolicy, Properties: { Queues: {{queues}}, PolicyDocument: { Statement: [{ Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] } } }
            """);

        Assert.Equal("Jobs", mapped.AttachedTo["Grant"]);
        Assert.NotNull(ResourcePolicies.Of(Only(mapped, "Jobs")));
    }

    [Theory]
    [InlineData("[!Ref Alerts]")]
    [InlineData("['arn:aws:sns:eu-west-1:111122223333:alerts']")]
    [InlineData("[!Sub 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:alerts']")]
    [InlineData("[!Join [':', ['arn:aws:sns', !Ref 'AWS::Region', !Ref 'AWS::AccountId', !GetAtt Alerts.TopicName]]]")]
    public void ATopicPolicyNamingItsTopicByArnInAnyFormIsAttached(string topics)
    {
        var mapped = Map($$"""
            Resources:
              Alerts: { Type: AWS::SNS::Topic, Properties: { TopicName: alerts } }
              Grant: { Type: AWS::SNS::TopicPolicy, Properties: { Topics: {{topics}}, PolicyDocument: { Statement: [{ Effect: Allow, Principal: '*', Action: 'sns:Publish', Resource: '*' }] } } }
            """);

        Assert.Equal("Alerts", mapped.AttachedTo["Grant"]);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("!Ref Data")]
    [InlineData("!Sub '${Data}'")]
    [InlineData("!Join ['', [!Ref Data]]")]
    public void ABucketPolicyNamingItsBucketInAnyFormIsAttached(string bucket)
    {
        var mapped = Map($$"""
            Resources:
              Data: { Type: AWS::S3::Bucket, Properties: { BucketName: data } }
              Grant: { Type: AWS::S3::BucketPolicy, Properties: { Bucket: {{bucket}}, PolicyDocument: { Statement: [{ Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] } } }
            """);

        Assert.Equal("Data", mapped.AttachedTo["Grant"]);
    }

    [Fact]
    public void AFunctionWithoutAPhysicalNameIsFoundByItsLogicalIdThroughSub()
    {
        var mapped = Map("""
            Resources:
              Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12, Handler: a.b, Role: arn:aws:iam::111122223333:role/r, Code: { ZipFile: x } } }
              Call: { Type: AWS::Lambda::Permission, Properties: { FunctionName: !Sub '${Fn}:live', Action: lambda:InvokeFunction, Principal: '*' } }
            """);

        Assert.Equal("Fn", mapped.AttachedTo["Call"]);
    }
}

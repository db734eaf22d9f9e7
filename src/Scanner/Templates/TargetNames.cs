using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// The name of the resource a policy resource attaches to, from its target property in every form CloudFormation
/// accepts there: a Lambda permission's FunctionName as a name, <c>name:alias</c>, a partial ARN
/// (<c>123456789012:function:name</c>) or a full ARN, with or without a version or alias; a queue policy's queue URL;
/// a topic policy's topic ARN; a bucket policy's bucket name (or its ARN). Template resources a Ref or GetAtt names
/// inside a Sub or Join are read as the values CloudFormation gives them.
/// See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html#cfn-lambda-permission-functionname
/// </summary>
internal static partial class TargetNames
{
    /// <summary>The resource type a policy resource's target property names.</summary>
    public static string? TargetType(string attachmentType) => attachmentType switch
    {
        "AWS::Lambda::Permission" => "AWS::Lambda::Function",
        "AWS::S3::BucketPolicy" => "AWS::S3::Bucket",
        "AWS::SQS::QueuePolicy" => "AWS::SQS::Queue",
        "AWS::SNS::TopicPolicy" => "AWS::SNS::Topic",
        _ => null,
    };

    /// <summary>The target's name in <paramref name="text"/> and the account it names, when the form carries one.</summary>
    public static (string Name, string? Account)? Parse(string targetType, string text)
    {
        var parts = text.Split(':');
        return targetType switch
        {
            // Lambda's own pattern for FunctionName: [arn:PARTITION:lambda:][REGION:][ACCOUNT:][function:]NAME[:QUALIFIER]
            // (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#API_AddPermission_RequestSyntax)
            "AWS::Lambda::Function" => FunctionName().Match(text) is { Success: true } function
                ? (function.Groups["name"].Value, function.Groups["account"].Success ? function.Groups["account"].Value : null)
                : null,
            // https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (what Ref gives), or the queue's ARN
            "AWS::SQS::Queue" => QueueUrl().Match(text) is { Success: true } url ? (url.Groups["name"].Value, url.Groups["account"].Value)
                : parts is ["arn", _, "sqs", _, var queueAccount, var queue] ? (queue, queueAccount) : null,
            "AWS::SNS::Topic" => parts is ["arn", _, "sns", _, var topicAccount, var topic] ? (topic, topicAccount) : null,
            "AWS::S3::Bucket" => parts is ["arn", _, "s3", "", "", var bucket] ? (bucket, null) : parts is [var plain] ? (plain, null) : null,
            _ => null,
        };
    }

    /// <summary>
    /// The text with each unknown Ref or GetAtt of a template resource replaced by what CloudFormation returns for it:
    /// a Ref gives a function's, bucket's or topic's name or ARN, a queue's URL; GetAtt Arn gives the ARN.
    /// </summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, Shape> shapes) =>
        UnknownReference().Replace(text, match =>
        {
            if (!shapes.TryGetValue(match.Groups["id"].Value, out var shape))
            {
                return match.Value;
            }
            var attribute = match.Groups["attribute"].Value;
            return (match.Groups["kind"].Value, attribute, shape.Source.Type) switch
            {
                ("GetAtt", "Arn", _) => shape.Arn,
                ("GetAtt", "QueueName" or "TopicName", _) => shape.Name,
                ("GetAtt", "QueueUrl", _) or ("Ref", _, "AWS::SQS::Queue") => $"https://sqs.{shape.Region}.amazonaws.com/{shape.Account}/{shape.Name}",
                ("Ref", _, "AWS::SNS::Topic") => shape.Arn,
                ("Ref", _, _) => shape.Name,
                _ => match.Value,
            };
        });

    [GeneratedRegex(@"^(arn:aws[a-zA-Z-]*:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?((?<account>\d{12}):)?(function:)?(?<name>[a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"^https://(sqs\.[a-z0-9-]+|queue)\.amazonaws\.com(\.cn)?/(?<account>[^/]+)/(?<name>[^/]+)$")]
    private static partial Regex QueueUrl();

    [GeneratedRegex(@"\$\{unknown:(Sub )?(?<kind>Ref|GetAtt) (?<id>[A-Za-z0-9]+)(\.(?<attribute>[A-Za-z0-9.]+))?\}")]
    private static partial Regex UnknownReference();
}

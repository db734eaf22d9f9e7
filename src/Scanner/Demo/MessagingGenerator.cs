using System.Text.Json.Nodes;
using static Ocado.Guardrails.Scanner.Demo.PolicyJson;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// SQS queues and SNS topics, their access policies as JSON strings in configuration.Policy. A topic always has one
/// (AWS writes its default, pinned by AWS:SourceOwner); half the queues have none.
/// </summary>
internal static class MessagingGenerator
{
    public static void Generate(RegionContext r)
    {
        for (var q = 0; q < r.Plan.Queues; q++)
        {
            Queue(r, q);
        }
        for (var t = 0; t < r.Plan.Topics; t++)
        {
            Topic(r, t);
        }
    }

    private static void Queue(RegionContext r, int index)
    {
        var context = r.Account;
        var application = r.Application();
        var name = $"{r.Prefix}-{application}-{context.Faker.PickRandom(Names.QueuePurposes)}-{index + 1}";
        var arn = r.Arn("sqs", name);
        var url = $"https://sqs.{r.Region}.amazonaws.com/{r.Id}/{name}";
        var grant = context.QueueGrants.Next();
        string? policy = null;
        if (grant != Grant.Default || index % 2 == 0)
        {
            var target = new GrantTarget("queue policy", ["sqs:SendMessage", "sqs:ReceiveMessage"], [arn],
                "sns.amazonaws.com", $"arn:aws:sns:{r.Region}:{r.Id}:{r.Prefix}-{application}-events");
            var (statements, why) = GrantStatements.Build(grant, context, target);
            var owner = Statement("Allow", AwsPrincipal(Root(r.Id)), ["SQS:*"], [arn], sid: "__owner_statement");
            policy = Text(Document([owner, .. statements], "__default_policy_ID"));
            if (why is not null)
            {
                context.Violation(RuleIds.QueuePolicy, arn, why);
            }
        }
        var tags = r.NextTags(null, application);
        var created = context.DaysAgo(20, 1200);
        var item = new ConfigItem("AWS::SQS::Queue", url, name, arn, r.Region, "Not Applicable", created);
        r.Emit(item, tags, [], w =>
        {
            w.WriteString("QueueUrl", url);
            w.WriteString("QueueArn", arn);
            w.WriteString("QueueName", name);
            w.WriteNumber("VisibilityTimeout", 30);
            w.WriteNumber("MaximumMessageSize", 262144);
            w.WriteNumber("MessageRetentionPeriod", 345600);
            w.WriteNumber("DelaySeconds", 0);
            w.WriteNumber("ReceiveMessageWaitTimeSeconds", 20);
            w.WriteString("SqsManagedSseEnabled", "true");
            w.WriteString("CreatedTimestamp", Iso.Millis(created));
            w.WriteString("LastModifiedTimestamp", Iso.Millis(created));
            if (policy is not null)
            {
                w.WriteString("Policy", policy);
            }
        });
    }

    private static void Topic(RegionContext r, int index)
    {
        var context = r.Account;
        var application = r.Application();
        var name = $"{r.Prefix}-{application}-notifications-{index + 1}";
        var arn = r.Arn("sns", name);
        var grant = context.TopicGrants.Next();
        var target = new GrantTarget("topic policy", ["SNS:Publish"], [arn],
            "cloudwatch.amazonaws.com", $"arn:aws:cloudwatch:{r.Region}:{r.Id}:alarm:{r.Prefix}-{application}-errors");
        var (statements, why) = GrantStatements.Build(grant, context, target);
        var policy = Text(Document([DefaultStatement(r.Id, arn), .. statements], "__default_policy_ID"));
        if (why is not null)
        {
            context.Violation(RuleIds.TopicPolicy, arn, why);
        }
        var tags = r.NextTags(null, application);
        var item = new ConfigItem("AWS::SNS::Topic", arn, name, arn, r.Region, "Not Applicable", context.DaysAgo(20, 1200));
        r.Emit(item, tags, [], w =>
        {
            w.WriteString("TopicArn", arn);
            w.WriteString("Owner", r.Id);
            w.WriteString("Policy", policy);
            w.WriteString("DisplayName", $"{application} notifications");
            w.WriteString("KmsMasterKeyId", "alias/aws/sns");
            w.WriteString("EffectiveDeliveryPolicy",
                "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false}}");
        }, w => tags.WriteArray(w, "Tags"));
    }

    /// <summary>The statement SNS writes into every new topic: the condition key's casing is AWS's own.</summary>
    private static JsonObject DefaultStatement(string owner, string arn) =>
        Statement("Allow", AwsPrincipal("*"),
            ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic",
                "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
            [arn], Condition("StringEquals", "AWS:SourceOwner", owner), "__default_statement_ID");
}

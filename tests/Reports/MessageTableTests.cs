using Ocado.Guardrails.Reports.Html;

namespace Ocado.Guardrails.Tests.Reports;

public sealed class MessageTableTests
{
    [Theory]
    [InlineData("AWS::SQS::Queue arn:aws:sqs:eu-west-1:111111111111:orders has no owner tag", "arn:aws:sqs:eu-west-1:111111111111:orders")]
    [InlineData("orders is missing owner; tag orders with owner", "arn:aws:sqs:eu-west-1:111111111111:orders")]
    [InlineData("ops grants * on *", "arn:aws:iam::111111111111:role/ops")]
    [InlineData("nothing about it", "arn:aws:s3:::bucket")]
    [InlineData("", "arn:aws:s3:::bucket")]
    [InlineData("bucketbucket bucket", "arn:aws:s3:::bucket")]
    [InlineData("a message", "")]
    public void AMessageJoinedBackFromItsTemplateIsTheMessage(string message, string arn)
    {
        var table = new MessageTable();

        var index = table.Add(message, arn);

        Assert.Equal(message, MessageTable.Join(table.Values[index], arn));
    }

    [Fact]
    public void MessagesThatDifferOnlyByTheResourceShareOneTemplate()
    {
        var table = new MessageTable();

        var first = table.Add("queue-0001 is missing the owner tag", "arn:aws:sqs:eu-west-1:111111111111:queue-0001");
        var second = table.Add("queue-0002 is missing the owner tag", "arn:aws:sqs:eu-west-1:111111111111:queue-0002");

        Assert.Equal(first, second);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void TemplatesWhosePartsJoinAlikeButSplitApartStayTwo()
    {
        var table = new MessageTable();
        const string first = "arn:aws:sqs:eu-west-1:111111111111:a";
        const string second = "arn:aws:sqs:eu-west-1:111111111111:b";

        // Parts ["ab ", " c"] and ["a", "b  c"]: the same letters, two templates.
        var one = table.Add($"ab {first} c", first);
        var two = table.Add($"a{second}b  c", second);

        Assert.NotEqual(one, two);
        Assert.Equal($"ab {first} c", MessageTable.Join(table.Values[one], first));
        Assert.Equal($"a{second}b  c", MessageTable.Join(table.Values[two], second));
    }
}

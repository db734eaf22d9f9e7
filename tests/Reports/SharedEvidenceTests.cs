namespace Ocado.Guardrails.Tests.Reports;

/// <summary>One evidence text carried by several findings (a statement of a policy many resources hold) is laid out once and shown for each.</summary>
public sealed class SharedEvidenceTests
{
    private const string Evidence =
        """{"statements":[{"policy":"inline policy of role payments","index":0,"statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::payments-ledger/*"}}]}""";

    private const string Indented = """
        {
          "statements": [
            {
              "policy": "inline policy of role payments",
              "index": 0,
              "statement": {
                "Effect": "Allow",
                "Action": "s3:*",
                "Resource": "arn:aws:s3:::payments-ledger/*"
              }
            }
          ]
        }
        """;

    [Fact]
    public async Task EachFindingShowsTheSharedEvidenceIndentedWhetherOrNotItNamesThatFindingsResource()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding("iam-policy-no-wildcard-actions", arn: "arn:aws:iam::111111111111:role/treasury", type: "AWS::IAM::Role", message: "role treasury allows s3:*", evidence: Evidence)
            .WithFinding("iam-policy-no-wildcard-actions", arn: "arn:aws:iam::111111111111:role/billing", type: "AWS::IAM::Role", message: "role billing allows s3:*", evidence: Evidence)
            .WithFinding("s3-bucket-no-wildcard-grants", arn: "arn:aws:s3:::payments-ledger", type: "AWS::S3::Bucket", message: "bucket payments-ledger is granted s3:*", evidence: Evidence)
            .WithFinding("iam-policy-no-wildcard-actions", arn: "arn:aws:iam::111111111111:role/audit", type: "AWS::IAM::Role", message: "role audit allows s3:*", evidence: Evidence)
            .Build());

        var data = ReportHtml.Data(html);
        Assert.Equal(4, data.Count);
        for (var row = 0; row < data.Count; row++)
        {
            Assert.Equal(Indented.ReplaceLineEndings("\n"), data.Evidence(row));
        }
        // The bucket's row names its own resource in the evidence: cut at its name, unlike the roles' rows, which share one template.
        var index = Enumerable.Range(0, data.Count).ToDictionary(row => data.Arn(row), row => data.Cell(row, "evidence"));
        Assert.NotEqual(index["arn:aws:iam::111111111111:role/treasury"], index["arn:aws:s3:::payments-ledger"]);
        Assert.Equal(index["arn:aws:iam::111111111111:role/treasury"], index["arn:aws:iam::111111111111:role/billing"]);
        Assert.Equal(index["arn:aws:iam::111111111111:role/treasury"], index["arn:aws:iam::111111111111:role/audit"]);
    }
}

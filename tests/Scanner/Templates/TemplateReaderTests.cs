using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Templates;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

public sealed class TemplateReaderTests
{
    [Fact]
    public void EveryRealTemplateParsesWithItsResourcesAndTheirLines()
    {
        var root = Fixtures.Data("cloudformation");
        var inventory = Csv.Read(Path.Combine(root, "templates-inventory.csv"));
        Assert.True(inventory.Count >= 150, $"only {inventory.Count} templates listed");
        var problems = new List<string>();
        foreach (var row in inventory)
        {
            var path = Path.Combine(root, row["file"]);
            try
            {
                var template = TemplateReader.Read(path);
                // A Fn::ForEach loop counts once in the inventory and once per item here.
                if (template.Resources.Count != int.Parse(row["resources"]) && row["transform"] != "AWS::LanguageExtensions")
                {
                    problems.Add($"{row["file"]}: {template.Resources.Count} resources, the inventory says {row["resources"]}");
                }
                problems.AddRange(template.Resources.Where(r => r.Line < 1 || r.Column < 1).Select(r => $"{row["file"]}: {r.LogicalId} has no position"));
            }
            catch (TemplateException ex)
            {
                problems.Add(ex.Message);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ShortFormTagsBecomeTheirLongForms()
    {
        var template = Read("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${AWS::StackName}-data"
                  A: !GetAtt Role.Arn
                  B: !Join [":", [a, !Ref Env]]
                  C: !If [IsProd, x, !Ref AWS::NoValue]
                  D: !Select [0, !GetAZs ""]
                  E: !Base64 hello
            """);
        var properties = template.Resources[0].Properties;
        Assert.Equal("""{"Fn::Sub":"${AWS::StackName}-data"}""", properties["BucketName"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["Role","Arn"]}""", properties["A"]!.ToJsonString());
        Assert.Equal("""{"Fn::Join":[":",["a",{"Ref":"Env"}]]}""", properties["B"]!.ToJsonString());
        Assert.Equal("""{"Fn::If":["IsProd","x",{"Ref":"AWS::NoValue"}]}""", properties["C"]!.ToJsonString());
        Assert.Equal("""{"Fn::Select":["0",{"Fn::GetAZs":""}]}""", properties["D"]!.ToJsonString());
        Assert.Equal("""{"Fn::Base64":"hello"}""", properties["E"]!.ToJsonString());
    }

    [Fact]
    public void LogicalIdPositionsAreOneBasedInYamlAndJson()
    {
        var yaml = Read("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  First:\n    Type: AWS::SNS::Topic\n  Second:\n    Type: AWS::SQS::Queue\n");
        Assert.Equal([(3, 3), (5, 3)], yaml.Resources.Select(r => (r.Line, r.Column)));
        var json = Read("{\n  \"Resources\": {\n    \"First\": {\"Type\": \"AWS::SNS::Topic\"},\n    \"Second\": {\"Type\": \"AWS::SQS::Queue\"}\n  }\n}\n", ".json");
        Assert.Equal([(3, 5), (4, 5)], json.Resources.Select(r => (r.Line, r.Column)));
    }

    [Fact]
    public void ABrokenTemplateNamesTheFileAndLine()
    {
        var ex = Assert.Throws<TemplateException>(() => Read("Resources:\n  A: [unclosed\n"));
        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    internal static CfnTemplate Read(string text, string extension = ".yaml")
    {
        var path = Path.Combine(Path.GetTempPath(), $"guardrails-template-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        try
        {
            return TemplateReader.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static JsonNode? Property(CfnTemplate template, string logicalId, string name) =>
        template.Resources.Single(r => r.LogicalId == logicalId).Properties[name];
}

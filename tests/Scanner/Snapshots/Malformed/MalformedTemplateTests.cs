using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Templates;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>
/// Hostile CloudFormation templates through <c>guardrails check</c>'s evaluation (issue 13): each is checked beside a
/// valid template, ends within seconds without an exception, is either checked or listed as unreadable naming the file
/// and the fault (exit 2: an unreadable template never passes the gate), and leaves the valid template's findings as
/// they are alone.
/// </summary>
public sealed class MalformedTemplateTests
{
    private const string Valid = """
        Resources:
          OpenBucket:
            Type: AWS::S3::Bucket
          OpenPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref OpenBucket
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::open/*" }
        """;

    private static string Bucket(string body) => $"Resources:\n  B:\n{body}";

    /// <summary>Name → (file name, content, what the unreadable entry says; null when the template must be checked).</summary>
    private static readonly Dictionary<string, (string File, Action<string> Plant, string? Says)> Cases = new()
    {
        ["Resources is a list"] = ("t.yaml", Plant.Text("Resources: [1, 2, 3]\n"), "Resources is a list, not a mapping"),
        ["Resources is text"] = ("t.yaml", Plant.Text("Resources: x\n"), "Resources is the value 'x', not a mapping"),
        ["no Resources"] = ("t.yaml", Plant.Text("Parameters: {}\n"), "no Resources section"),
        ["a resource is a list"] = ("t.yaml", Plant.Text("Resources:\n  B: [AWS::S3::Bucket]\n"), "resource B is not a mapping"),
        ["Type is a list"] = ("t.yaml", Plant.Text(Bucket("    Type: [AWS::S3::Bucket]\n")), "resource B has no Type"),
        ["Properties is a list"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::S3::Bucket\n    Properties: [1]\n")), "B: Properties is a list"),
        ["Metadata is text"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::S3::Bucket\n    Metadata: waived\n")), "B: Metadata is the value 'waived'"),
        ["Condition is a mapping"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::S3::Bucket\n    Condition: {a: 1}\n")), "B: Condition is a mapping"),
        ["Parameters is a list"] = ("t.yaml", Plant.Text("Parameters: [Env]\n" + Bucket("    Type: AWS::S3::Bucket\n")), "Parameters is a list"),
        ["a YAML document 100,000 deep"] = ("t.yaml", Plant.Deep(Bucket("    Type: AWS::S3::Bucket\n    Metadata: {x: ") , 100_000, "}\n"), "deeper than 256"),
        ["a YAML alias bomb"] = ("t.yaml", Plant.Text(string.Join("\n", Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]").Prepend("a0: &a0 lol")) + "\n" + Bucket("    Type: AWS::S3::Bucket\n")), "once aliases are expanded"),
        ["a YAML complex key"] = ("t.yaml", Plant.Text("? [Resources]\n: {}\n"), "not a plain value"),
        ["one invalid UTF-8 byte"] = ("t.yaml", Plant.InvalidUtf8(Bucket("    Type: AWS::S3::Bucket # caf@@\n")), "not valid UTF-8"),
        ["a FIFO"] = ("t.yaml", Plant.Fifo, "FIFO"),
        ["a link to /dev/zero"] = ("t.yaml", Plant.LinkTo("/dev/zero"), "character device"),
        ["a directory"] = ("t.yaml", Plant.Folder, "is a directory"),
        ["a scalar document"] = ("t.yaml", Plant.Text("just text\n"), "not a YAML mapping"),
        ["JSON Resources is a list"] = ("t.json", Plant.Text("""{"Resources": [1, 2, 3]}"""), "Resources is a list"),
        ["JSON Type given twice"] = ("t.json", Plant.Text("""{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Type": "AWS::IAM::Role"}}}"""), "Duplicate"),
        ["JSON 100,000 deep"] = ("t.json", Plant.Deep("""{"Resources": {}, "Metadata": """, 100_000, "}"), "depth"),
        ["JSON truncated"] = ("t.json", Plant.Text("""{"Resources": {"B": """), "line"),
        ["Fn::ForEach over a string"] = ("t.yaml", Plant.Text("Resources:\n  Fn::ForEach::Buckets: x\n"), null),
        ["Fn::If with one argument"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !If [OnlyCondition]\n")), null),
        ["Fn::Join of a number"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: { \"Fn::Join\": 42 }\n")), null),
        ["GetAtt without an attribute"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: !GetAtt Nothing\n")), null),
        ["a policy document that is a number"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: 42\n")), null),
        ["a bucket policy Statement that is text"] = ("t.yaml", Plant.Text(Bucket("    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: b\n      PolicyDocument: { Statement: everything }\n")), null),
    };

    private static readonly Lazy<List<string>> Alone = new(() =>
    {
        using var directory = new TemporaryDirectory();
        var valid = Path.Combine(directory.Path, "valid.yaml");
        File.WriteAllText(valid, Valid);
        return Verdicts(Check([valid]), valid);
    });

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task AHostileTemplateIsCheckedOrUnreadableAndTheValidOneBesideItIsJudgedAsAlone(string name)
    {
        var (file, plant, says) = Cases[name];
        using var directory = new TemporaryDirectory();
        var valid = Path.Combine(directory.Path, "valid.yaml");
        File.WriteAllText(valid, Valid);
        var hostile = Path.Combine(directory.Path, file);
        plant(hostile);

        var check = Task.Run(() => Check([hostile, valid]), TestContext.Current.CancellationToken);
        // Ends rather than hangs: generous, because a loaded two-core machine running the suite in parallel is slow.
        var result = await check.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

        if (says is null)
        {
            Assert.All(result.UnreadableFiles, error => Assert.Contains(hostile, error, StringComparison.Ordinal));
        }
        else
        {
            var error = Assert.Single(result.UnreadableFiles);
            Assert.Contains(hostile, error, StringComparison.Ordinal);
            Assert.Contains(says, error, StringComparison.Ordinal);
        }
        Assert.Equal(Alone.Value, Verdicts(result, valid));
        Assert.NotEmpty(Alone.Value);
    }

    private static ScanResult Check(IReadOnlyList<string> paths) =>
        new TemplateCheck(Support.Catalog.Rules, Estate.Empty, _ => RuleParams.Empty, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero)).Run(paths, new TemplateContext());

    private static List<string> Verdicts(ScanResult result, string file) =>
        [.. result.Findings.Where(f => f.Location?.File == file).Select(f => $"{f.RuleId} {f.Location!.LogicalId} {f.Verdict}").Order(StringComparer.Ordinal)];
}

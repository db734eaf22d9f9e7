using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>
/// The tiny estate (<see cref="TinyEstate"/>: acme 111111111111, globex 222222222222) with one valid file of every kind
/// for acme (Config, authorization details, credential report, tagging, quotas) and a Config file for globex; a case
/// replaces one file with a hostile one. <see cref="Witnesses"/> are the resources each file is the only source of.
/// </summary>
internal sealed class HostileEstate : IDisposable
{
    public const string Acme = TinyEstate.Account;
    public const string Globex = TinyEstate.OtherAccount;

    private readonly TinyEstate _estate;

    public HostileEstate(string yaml = "")
    {
        _estate = new TinyEstate { Extra = yaml }.Compliant("acme-orders").Untagged("acme-logs").Write();
        foreach (var (path, text) in Files)
        {
            var full = System.IO.Path.Combine(Directory, path);
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public string Directory => _estate.Directory;

    public string ConfigPath => _estate.ConfigPath;

    /// <summary>The ARNs read from each file of the snapshot, by the file's path inside it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Witnesses = new Dictionary<string, string[]>
    {
        [$"{Acme}/config/eu-west-1.json"] = ["arn:aws:s3:::acme-orders", "arn:aws:s3:::acme-logs"],
        [$"{Acme}/iam/authorization-details.json"] = [$"arn:aws:iam::{Acme}:user/alice", $"arn:aws:iam::{Acme}:role/deploy"],
        [$"{Acme}/iam/credential-report.csv"] = [$"arn:aws:iam::{Acme}:root"],
        [$"{Acme}/tagging/eu-west-1.json"] = [$"arn:aws:sqs:eu-west-1:{Acme}:acme-queue"],
        [$"{Acme}/quotas/eu-west-1/ec2.json"] = [$"arn:aws:servicequotas:eu-west-1:{Acme}:ec2/L-1216C47A"],
        [$"{Globex}/config/eu-west-1.json"] = ["arn:aws:s3:::globex-orders"],
    };

    public const string CredentialHeader = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    public static string CredentialRow(string user, string arn) =>
        $"{user},{arn},2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

    public static string ConfigItem(string bucket, string account, string extra = "") =>
        $$"""{"resourceType": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::{{bucket}}", "resourceId": "{{bucket}}", "resourceName": "{{bucket}}", "awsAccountId": "{{account}}", "awsRegion": "eu-west-1", "tags": {"owner": "team@example.com", "customer": "acme", "environment": "production", "cost-centre": "CC-1"}, "configuration": {}{{extra}}}""";

    private static readonly (string Path, string Text)[] Files =
    [
        ("collection.json", """{"collectedAt": "2026-11-01T02:00:00Z", "gaps": []}"""),
        ($"{Acme}/iam/authorization-details.json", $$"""
            {"UserDetailList": [{"UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::{{Acme}}:user/alice", "Path": "/", "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}],
             "GroupDetailList": [],
             "RoleDetailList": [{"RoleName": "deploy", "RoleId": "AROADEPLOY", "Arn": "arn:aws:iam::{{Acme}}:role/deploy", "Path": "/",
               "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
               "RolePolicyList": [], "AttachedManagedPolicies": [], "InstanceProfileList": [], "Tags": []}],
             "Policies": []}
            """),
        ($"{Acme}/iam/credential-report.csv", $"{CredentialHeader}\n{CredentialRow("<root_account>", $"arn:aws:iam::{Acme}:root")}\n{CredentialRow("alice", $"arn:aws:iam::{Acme}:user/alice")}\n"),
        ($"{Acme}/tagging/eu-west-1.json", $$"""
            {"ResourceTagMappingList": [{"ResourceARN": "arn:aws:s3:::acme-orders", "Tags": [{"Key": "owner", "Value": "team@acme.example"}]},
              {"ResourceARN": "arn:aws:sqs:eu-west-1:{{Acme}}:acme-queue", "Tags": [{"Key": "owner", "Value": "team@acme.example"}, {"Key": "customer", "Value": "acme"}]}]}
            """),
        ($"{Acme}/quotas/eu-west-1/ec2.json", $$"""
            {"Quotas": [{"ServiceCode": "ec2", "ServiceName": "Amazon EC2", "QuotaArn": "arn:aws:servicequotas:eu-west-1:{{Acme}}:ec2/L-1216C47A", "QuotaCode": "L-1216C47A",
              "QuotaName": "Running On-Demand Standard instances", "Value": 1152.0, "Unit": "None", "Adjustable": true, "GlobalQuota": false}]}
            """),
        ($"{Globex}/config/eu-west-1.json", $$$"""{"configurationItems": [{"resourceType": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::globex-orders", "resourceId": "globex-orders", "awsAccountId": "{{{Globex}}}", "awsRegion": "eu-west-1", "tags": {"customer": "globex"}, "configuration": {}}]}"""),
    ];

    /// <summary>What a scan made of the estate: its result, what the reader read, and what it warned about.</summary>
    public sealed record Outcome(ScanResult Result, Ocado.Guardrails.Scanner.Snapshots.Snapshot Read, string Progress);

    /// <summary>Loads guardrails.yaml and runs the scan's pipeline in this process, as <c>guardrails scan</c> does.</summary>
    public async Task<Outcome> ScanAsync(CancellationToken cancellationToken)
    {
        var config = GuardrailsConfig.Load(ConfigPath);
        var progress = new StringWriter();
        var pipeline = new ScanPipeline(config, Support.Catalog.Rules, TimeProvider.System, new ScanProgress(progress, interactive: false));
        var evaluated = await pipeline.EvaluateAsync(new ScanOptions
        {
            SnapshotDirectory = Directory,
            ConfigPath = config.SourcePath,
            OutputDirectory = System.IO.Path.Combine(Directory, "out"),
            RulePaths = [],
            IncludePasses = true,
        }, cancellationToken);
        var read = await Task.Run(() => SnapshotReader.Read(Directory, config.Estate, config.Limits), cancellationToken);
        return new Outcome(evaluated.Result, read, progress.ToString());
    }

    public static IEnumerable<CoverageGap> Naming(IEnumerable<CoverageGap> gaps, string target) =>
        gaps.Where(g => g.Reason.Contains(target, StringComparison.Ordinal));

    public void Dispose() => _estate.Dispose();
}

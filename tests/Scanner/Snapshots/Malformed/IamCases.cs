using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>An account's iam/ folder: the authorization details and the credential report.</summary>
internal static class IamCases
{
    private const string Details = $"{Acme}/iam/authorization-details.json";
    private const string Report = $"{Acme}/iam/credential-report.csv";

    private static string User(string arn) => $$"""{"UserDetailList": [{"UserName": "alice", "UserId": "AIDAALICE", "Arn": {{arn}}, "Path": "/"}], "Policies": []}""";

    public static IEnumerable<MalformedCase> All() =>
    [
        Gap(Details, "iam: UserDetailList is a string", "UserDetailList is a string, not a list", Plant.Text("""{"UserDetailList": "x", "Policies": []}""")),
        Gap(Details, "iam: UserDetailList holds a number", "UserDetailList[0] is a number, not an object", Plant.Text("""{"UserDetailList": [1], "Policies": []}""")),
        Gap(Details, "iam: RoleDetailList is an object", "RoleDetailList is an object, not a list", Plant.Text("""{"RoleDetailList": {"RoleName": "deploy"}}""")),
        Gap(Details, "iam: a user without Arn", "no Arn", Plant.Text("""{"UserDetailList": [{"UserName": "alice"}]}""")),
        Gap(Details, "iam: a user's Arn is a number", "Arn is a number", Plant.Text(User("123"))),
        Gap(Details, "iam: a user's Arn is not an ARN", "not an ARN", Plant.Text(User("\"user/alice\""))),
        Gap(Details, "iam: a user of another customer's account", $"says account {Globex}", Plant.Text(User($"\"arn:aws:iam::{Globex}:user/alice\""))),
        Gap(Details, "iam: an empty object", "not authorization details", Plant.Text("{}")),
        Gap(Details, "iam: null", "is null, not authorization details", Plant.Text("null")),
        Gap(Details, "iam: a page of a list is a string", "page 1 is a string", Plant.Text("""[{"Policies": []}, "x"]""")),
        Gap(Details, "iam: one invalid UTF-8 byte", "not valid UTF-8", Plant.InvalidUtf8(User("\"arn:aws:iam::111111111111:user/al@@ice\""))),
        Gap(Details, "iam: nested 100,000 deep", "depth", Plant.Deep("""{"Policies": [], "x": """, 100_000, "}")),
        Gap(Details, "iam: Arn given twice", "Duplicate", Plant.Text($$"""{"UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::{{Acme}}:user/alice", "Arn": "arn:aws:iam::{{Globex}}:user/alice"}]}""")),
        Gap(Details, "iam: a FIFO", "FIFO", Plant.Fifo),
        Gap(Details, "iam: a directory", "is a directory", Plant.Folder),
        Gap($"{Acme}/iam", "iam: the iam folder is a file", "not a folder", Plant.FileInsteadOfFolder),
        new("credentials: UTF-16 with a byte-order mark", Report, Expect.Read, "", Plant.Utf16($"{CredentialHeader}\n{CredentialRow("<root_account>", $"arn:aws:iam::{Acme}:root")}\n")),
        new("credentials: UTF-8 with a byte-order mark", Report, Expect.Read, "", Plant.Utf8Bom($"{CredentialHeader}\n{CredentialRow("<root_account>", $"arn:aws:iam::{Acme}:root")}\n")),
        Gap(Report, "credentials: a duplicate header", "twice", Plant.Text($"user,arn,arn,mfa_active\n<root_account>,arn:aws:iam::{Acme}:root,arn:aws:iam::{Globex}:root,true\n")),
        Gap(Report, "credentials: no arn column", "not an IAM credential report", Plant.Text("user,mfa_active\nalice,false\n")),
        Gap(Report, "credentials: empty", "not an IAM credential report", Plant.Text("")),
        Gap(Report, "credentials: one invalid UTF-8 byte", "not valid UTF-8", Plant.InvalidUtf8($"{CredentialHeader}\n{CredentialRow("al@@ice", $"arn:aws:iam::{Acme}:user/alice")}\n")),
        Gap(Report, "credentials: a short row", "credential-report.csv", Plant.Text($"{CredentialHeader}\nalice,arn:aws:iam::{Acme}:user/alice\n")),
        Gap(Report, "credentials: an unterminated quote", "credential-report.csv", Plant.Text($"{CredentialHeader}\n\"alice,arn:aws:iam::{Acme}:user/alice\n")),
        Gap(Report, "credentials: a row of another account", $"names account {Globex}", Plant.Text($"{CredentialHeader}\n{CredentialRow("mallory", $"arn:aws:iam::{Globex}:user/mallory")}\n")),
        Gap(Report, "credentials: a row's arn is not an ARN", "is not an ARN", Plant.Text($"{CredentialHeader}\n{CredentialRow("alice", "alice")}\n")),
        Gap(Report, "credentials: a user twice", "second row", Plant.Text($"{CredentialHeader}\n{CredentialRow("alice", $"arn:aws:iam::{Acme}:user/alice")}\n{CredentialRow("alice", $"arn:aws:iam::{Acme}:user/alice")}\n")),
        Gap(Report, "credentials: binary garbage", "not valid UTF-8", Plant.Bytes([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80, 0xc3])),
        Gap(Report, "credentials: a FIFO", "FIFO", Plant.Fifo),
        Gap(Report, "credentials: a link to /dev/urandom", "outside the snapshot", Plant.LinkTo("/dev/urandom")),
    ];

    private static MalformedCase Gap(string target, string name, string says, Action<string> plant) => new(name, target, Expect.Gap, says, plant);
}

using System.Globalization;
using System.Text.Json;
using Bogus;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes <c>dynamodb/REGION/</c> as <c>aws dynamodb list-tables</c>, <c>describe-table</c> and <c>get-resource-policy</c>
/// print them, in eu-west-1 of four accounts, listing every table Config recorded there and giving the first a resource
/// policy: acme-prod's lets in globex-prod's account and initech-prod's anyone in the organisation (both fail), globex-dev's
/// lets in globex-prod and acme-stg's the platform's backup role (look-alikes). Every other table has none (<c>{}</c>).
/// Other accounts and regions have no <c>dynamodb/</c>: their tables, as Config recorded them, are Skip. Fixed at every
/// size, as the RAM plants are; no resource is added (a table of <c>dynamodb/</c> replaces Config's item of it).
/// </summary>
internal static class DynamoDbSnapshotWriter
{
    private sealed record Plant(string Principal, string? Condition, string? Why);

    public static void Write(RegionContext r)
    {
        if (PlantFor(r) is not { } plant || r.Tables.Count == 0)
        {
            return;
        }
        // Its own random numbers, so that adding DynamoDB changed nothing else the account generates.
        var random = new Randomizer(unchecked((r.Account.Account.Index * 7_919) + r.Region.Length));
        var account = r.Account.Directory;
        foreach (var (table, i) in r.Tables.Select((t, i) => (t, i)))
        {
            Json(SnapshotLayout.TableFile(account, r.Region, table.Name), w => Describe(w, table, AwsIds.Uuid(random)));
            Json(SnapshotLayout.TablePolicyFile(account, r.Region, table.Name), w =>
            {
                if (i == 0)
                {
                    w.WriteString("Policy", Policy(table.Arn, plant));
                    w.WriteString("RevisionId", DemoLayout.CollectedAt.AddDays(-40).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                }
            });
        }
        Json(SnapshotLayout.TablesFile(account, r.Region), w =>
        {
            w.WriteStartArray("TableNames");
            r.Tables.Select(t => t.Name).Order(StringComparer.Ordinal).ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
        });
        if (plant.Why is { } why)
        {
            r.Account.Violation(RuleIds.DynamoDbPolicy, r.Tables[0].Arn, why);
        }
    }

    private static Plant? PlantFor(RegionContext r)
    {
        var (account, layout) = (r.Account.Account, r.Account.Layout);
        if (r.Region != DemoLayout.Regions[0] || account.Copy != 0 || account.IsPlatform)
        {
            return null;
        }
        string Named(string alias) => layout.Accounts.Single(a => a.Alias == alias && a.Copy == 0).Id;
        return account.Alias switch
        {
            "acme-prod" => new($"arn:aws:iam::{Named("globex-prod")}:root", null, "acme-prod's table lets globex-prod's account read and write its items"),
            "initech-prod" => new("*", layout.OrganizationId, "initech-prod's table lets in anyone in the organisation, which every customer is in"),
            "globex-dev" => new($"arn:aws:iam::{Named("globex-prod")}:role/reporting", null, null),
            "acme-stg" => new($"arn:aws:iam::{layout.Platform.Id}:role/platform-backup", null, null),
            _ => null,
        };
    }

    private static string Policy(string tableArn, Plant plant)
    {
        var statement = new Dictionary<string, object>
        {
            ["Sid"] = "shared-read", ["Effect"] = "Allow",
            ["Principal"] = plant.Principal == "*" ? "*" : new Dictionary<string, string> { ["AWS"] = plant.Principal },
            ["Action"] = new[] { "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem" },
            ["Resource"] = tableArn,
        };
        if (plant.Condition is { } organisation)
        {
            statement["Condition"] = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, string> { ["aws:PrincipalOrgID"] = organisation } };
        }
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = new[] { statement } });
    }

    /// <summary><c>{"Table": {...}}</c> as the CLI prints describe-table: the members Config recorded, in the CLI's names.</summary>
    private static void Describe(Utf8JsonWriter w, (string Name, string Arn, DateTimeOffset Created) table, string tableId)
    {
        w.WriteStartObject("Table");
        w.WriteStartArray("AttributeDefinitions");
        w.WriteStartObject();
        w.WriteString("AttributeName", "pk");
        w.WriteString("AttributeType", "S");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("TableName", table.Name);
        w.WriteStartArray("KeySchema");
        w.WriteStartObject();
        w.WriteString("AttributeName", "pk");
        w.WriteString("KeyType", "HASH");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("TableStatus", "ACTIVE");
        w.WriteString("CreationDateTime", Iso.CredentialReport(table.Created));
        w.WriteString("TableArn", table.Arn);
        w.WriteString("TableId", tableId);
        w.WriteStartObject("BillingModeSummary");
        w.WriteString("BillingMode", "PAY_PER_REQUEST");
        w.WriteEndObject();
        w.WriteBoolean("DeletionProtectionEnabled", false);
        w.WriteEndObject();
    }

    private static void Json(string path, Action<Utf8JsonWriter> write)
    {
        using var stream = SnapshotWriter.Create(path);
        using var writer = new Utf8JsonWriter(stream, SnapshotWriter.Indented);
        writer.WriteStartObject();
        write(writer);
        writer.WriteEndObject();
    }
}

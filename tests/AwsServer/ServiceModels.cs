using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// AWS's own service models, as Debian's awscli ships them (botocore's <c>service-2.json</c>): what
/// an operation's input may hold, which members it requires, and their ranges.
/// </summary>
internal static class ServiceModels
{
    private const string Root = "/usr/lib/python3/dist-packages/awscli/botocore/data";

    private static readonly Dictionary<string, string> Folders = new(StringComparer.Ordinal)
    {
        ["config"] = "config/2014-11-12", ["tagging"] = "resourcegroupstaggingapi/2017-01-26",
        ["servicequotas"] = "service-quotas/2019-06-24", ["iam"] = "iam/2010-05-08", ["sts"] = "sts/2011-06-15",
        ["organizations"] = "organizations/2016-11-28", ["ram"] = "ram/2018-01-04",
        ["logs"] = "logs/2014-03-28", ["glue"] = "glue/2017-03-31", ["lambda"] = "lambda/2015-03-31",
        ["ec2"] = "ec2/2016-11-15", ["cloudtrail"] = "cloudtrail/2013-11-01",
        // Debian's awscli predates DynamoDB's resource policies: botocore's newer model, kept in tests/data (AwsModels).
        ["dynamodb"] = "dynamodb/2012-08-10",
    };

    private static readonly Dictionary<string, JsonObject> Loaded = new(StringComparer.Ordinal);

    /// <summary>tests/data/aws-models, found from wherever the server runs (the test assembly, the collection benchmark).</summary>
    private static string BundledModels()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var models = Path.Combine(folder.FullName, "tests", "data", "aws-models");
            if (Directory.Exists(models))
            {
                return models;
            }
        }
        throw new DirectoryNotFoundException($"tests/data/aws-models is not above {AppContext.BaseDirectory}");
    }

    /// <summary>Everything wrong with a JSON input for the operation, by the model; empty when it conforms.</summary>
    public static List<string> Check(string service, string operation, JsonNode? input)
    {
        var model = Load(service);
        var problems = new List<string>();
        if (model["operations"]?[operation] is not JsonObject op)
        {
            return [$"{service} has no operation {operation}"];
        }
        CheckShape(model, op["input"]?["shape"]?.GetValue<string>(), input, operation, problems);
        return problems;
    }

    /// <summary>The operation's HTTP method and path (<c>http.method</c>, <c>http.requestUri</c>): what a REST-JSON request is told apart by.</summary>
    public static (string Method, string RequestUri) Http(string service, string operation)
    {
        var http = Load(service)["operations"]![operation]!["http"]!;
        return (http["method"]!.GetValue<string>(), http["requestUri"]!.GetValue<string>());
    }

    private static void CheckShape(JsonObject model, string? shapeName, JsonNode? value, string path, List<string> problems)
    {
        if (shapeName is null || model["shapes"]?[shapeName] is not JsonObject shape)
        {
            return;
        }
        switch (shape["type"]?.GetValue<string>())
        {
            case "structure":
                var members = shape["members"]!.AsObject();
                var given = value as JsonObject ?? [];
                problems.AddRange(given.Where(p => !members.ContainsKey(p.Key)).Select(p => $"{path}.{p.Key} is not in the model"));
                problems.AddRange((shape["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(r => !given.ContainsKey(r)).Select(r => $"{path}.{r} is required"));
                foreach (var (name, member) in given.Where(p => members.ContainsKey(p.Key)))
                {
                    CheckShape(model, members[name]!["shape"]!.GetValue<string>(), member, $"{path}.{name}", problems);
                }
                break;
            case "list":
                var items = value as JsonArray ?? [];
                if (shape["max"] is { } max && items.Count > max.GetValue<int>())
                {
                    problems.Add($"{path} has {items.Count} items, more than {max}");
                }
                foreach (var item in items)
                {
                    CheckShape(model, shape["member"]!["shape"]!.GetValue<string>(), item, path + "[]", problems);
                }
                break;
            case "integer" when value is JsonValue number:
                var n = number.GetValue<int>();
                if ((shape["min"] is { } low && n < low.GetValue<int>()) || (shape["max"] is { } high && n > high.GetValue<int>()))
                {
                    problems.Add($"{path} = {n} is outside [{shape["min"]}, {shape["max"]}]");
                }
                break;
        }
    }

    /// <summary>The whole model of a service: its operations and shapes.</summary>
    public static JsonObject Model(string service) => Load(service);

    private static JsonObject Load(string service)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(service, out var model))
            {
                var root = service == "dynamodb" ? BundledModels() : Root;
                model = Loaded[service] = JsonNode.Parse(File.ReadAllText(Path.Combine(root, Folders[service], "service-2.json")))!.AsObject();
            }
            return model;
        }
    }
}

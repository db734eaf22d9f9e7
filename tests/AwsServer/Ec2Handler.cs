using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// EC2's network calls over EC2's Query protocol: the form's <c>Action</c>, answers in XML shaped by AWS's own model
/// (botocore's ec2 <c>service-2.json</c>: each member under its <c>locationName</c>, lists of <c>&lt;item&gt;</c>), paged by
/// <c>MaxResults</c> (its range checked) and <c>NextToken</c>; errors as <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c>.
/// What is served is <see cref="ServedAccount.Network"/>: per region, each output as the CLI prints it.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
/// </summary>
internal sealed partial class Ec2Handler(ServedEstate estate, int maxPage)
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /// <summary>(account, operation) pairs the audit role may not call: answered 403 UnauthorizedOperation.</summary>
    public ConcurrentDictionary<(string Account, string Operation), bool> Denied { get; } = new();

    public Reply Handle(RequestScope scope)
    {
        var model = ServiceModels.Model("ec2");
        if (model["operations"]?[scope.Operation] is not JsonObject operation || !Served(scope.Operation))
        {
            return Error(400, "InvalidAction", $"The action {scope.Operation} is not valid for this web service.");
        }
        if (Denied.ContainsKey((scope.Account, scope.Operation)))
        {
            return Error(403, "UnauthorizedOperation", $"You are not authorized to perform this operation. User: {scope.Key.Arn} is not authorized to perform: ec2:{scope.Operation}");
        }
        var shapes = model["shapes"]!.AsObject();
        if (Attribute(scope, shapes, operation) is { } attribute)
        {
            return attribute;
        }
        var input = shapes[operation["input"]!["shape"]!.GetValue<string>()]!.AsObject();
        var missing = (input["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).FirstOrDefault(r => !scope.Form.Keys.Any(k => k == r || k.StartsWith(r.TrimEnd('s') + ".", StringComparison.Ordinal)));
        if (missing is not null)
        {
            return Error(400, "MissingParameter", $"The request must contain the parameter {missing}");
        }
        var range = input["members"]!["MaxResults"] is { } member ? shapes[member["shape"]!.GetValue<string>()] : null;
        var (low, high) = (range?["min"]?.GetValue<int>() ?? 5, range?["max"]?.GetValue<int>() ?? 1000);
        var size = scope.Form.TryGetValue("MaxResults", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : high;
        if (size < low || size > high)
        {
            return Error(400, "InvalidParameterValue", $"Value ( {size} ) for parameter maxResults is invalid.");
        }
        var offset = PageToken.Read(scope.Form.GetValueOrDefault("NextToken"));
        if (offset is null)
        {
            return Error(400, "InvalidPaginationToken", "Invalid pagination token");
        }
        var (name, id) = scope.Operation switch
        {
            "SearchTransitGatewayRoutes" => ($"search-transit-gateway-routes/{scope.Form["TransitGatewayRouteTableId"]}", scope.Form["TransitGatewayRouteTableId"]),
            "DescribeVpcEndpointServicePermissions" => ($"describe-vpc-endpoint-service-permissions/{scope.Form["ServiceId"]}", scope.Form["ServiceId"]),
            "GetTransitGatewayRouteTableAssociations" or "GetTransitGatewayRouteTablePropagations" => ($"{Command(scope.Operation)}/{scope.Form["TransitGatewayRouteTableId"]}", scope.Form["TransitGatewayRouteTableId"]),
            var op => (Command(op), null),
        };
        var network = estate.Accounts.GetValueOrDefault(scope.Account)?.Network.GetValueOrDefault(scope.Region);
        if (network?.GetValueOrDefault(name) is not { } served)
        {
            // A route table the estate lists has associations and propagations, none when none were served; an unknown one is NotFound, as in AWS.
            var listedTable = scope.Operation.StartsWith("GetTransitGatewayRouteTable", StringComparison.Ordinal)
                && network?.GetValueOrDefault("describe-transit-gateway-route-tables")?["TransitGatewayRouteTables"] is JsonArray tables
                && tables.Any(t => t?["TransitGatewayRouteTableId"]?.GetValue<string>() == id);
            return id is null || listedTable ? Answer(scope.Operation, shapes, operation, [], null, size)
                : Error(400, scope.Operation == "DescribeVpcEndpointServicePermissions" ? "InvalidVpcEndpointServiceId.NotFound" : "InvalidRouteTableID.NotFound", $"The ID '{id}' does not exist");
        }
        var list = served.First(p => p.Value is JsonArray);
        var items = list.Value!.AsArray().Select(i => i!).ToList();
        if (scope.Operation == "SearchTransitGatewayRoutes")
        {
            var types = scope.Form.Where(p => p.Key.StartsWith("Filter.1.Value.", StringComparison.Ordinal)).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
            items = items.Where(r => scope.Form.GetValueOrDefault("Filter.1.Name") != "type" || types.Contains(r["Type"]!.GetValue<string>())).ToList();
            // This API answers one page and says whether more routes exist: AWS's model gives it no NextToken.
            var routes = new JsonObject { [list.Key] = new JsonArray(items.Take(size).Select(i => i.DeepClone()).ToArray()), ["AdditionalRoutesAvailable"] = items.Count > size };
            return Ok(scope.Operation, Ns, Members(shapes, operation["output"]!["shape"]!.GetValue<string>(), routes));
        }
        return Answer(scope.Operation, shapes, operation, items.Skip(offset.Value).ToList(), list.Key, Math.Min(size, maxPage), offset.Value);
    }

    /// <summary>The operations served: the network's describes, searches, a route table's associations and propagations.</summary>
    private static bool Served(string operation) =>
        operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("GetTransitGatewayRouteTable", StringComparison.Ordinal) || operation == "SearchTransitGatewayRoutes";

    /// <summary>The CLI's name of an operation: DescribeVpcEndpointServiceConfigurations is describe-vpc-endpoint-service-configurations.</summary>
    public static string Command(string operation) =>
        string.Concat(operation.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>What the CLI prints for a list call of an account with none: <c>{"Vpcs": []}</c>.</summary>
    public static JsonObject Empty(string command)
    {
        var model = ServiceModels.Model("ec2");
        var shapes = model["shapes"]!.AsObject();
        var operation = model["operations"]!.AsObject().First(o => Command(o.Key) == command).Value!;
        return new JsonObject { [ListOf(shapes, operation["output"]!["shape"]!.GetValue<string>())] = new JsonArray() };
    }

    private static string ListOf(JsonObject shapes, string outputShape) =>
        shapes[outputShape]!["members"]!.AsObject().First(m => shapes[m.Value!["shape"]!.GetValue<string>()]!["type"]!.GetValue<string>() == "list").Key;

    private static Reply Answer(string action, JsonObject shapes, JsonObject operation, List<JsonNode> rest, string? listName, int size, int offset = 0)
    {
        var outputShape = operation["output"]!["shape"]!.GetValue<string>();
        listName ??= ListOf(shapes, outputShape);
        // An operation without NextToken in its output (DescribeVpnConnections) answers everything at once.
        size = shapes[outputShape]!["members"]!.AsObject().ContainsKey("NextToken") ? size : rest.Count;
        var output = new JsonObject { [listName] = new JsonArray(rest.Take(size).Select(i => i.DeepClone()).ToArray()) };
        if (rest.Count > size)
        {
            output["NextToken"] = PageToken.Of(offset + size);
        }
        return Ok(action, Ns, Members(shapes, outputShape, output));
    }

    /// <summary>A structure's members in the model's order, each under its locationName.</summary>
    private static IEnumerable<XElement> Members(JsonObject shapes, string shapeName, JsonObject value)
    {
        var members = shapes[shapeName]!["members"]!.AsObject();
        var unknown = value.Select(p => p.Key).FirstOrDefault(k => !members.ContainsKey(k));
        if (unknown is not null)
        {
            throw new InvalidOperationException($"the served {shapeName} has {unknown}, which the model does not: fix the test estate");
        }
        return members.Where(m => value[m.Key] is not null).Select(m => Element(shapes, m.Value!["locationName"]?.GetValue<string>() ?? m.Key, m.Value!["shape"]!.GetValue<string>(), value[m.Key]!));
    }

    private static XElement Element(JsonObject shapes, string name, string shapeName, JsonNode value)
    {
        var shape = shapes[shapeName]!;
        return shape["type"]!.GetValue<string>() switch
        {
            "structure" => new XElement(Ns + name, Members(shapes, shapeName, value.AsObject())),
            "list" => new XElement(Ns + name, value.AsArray().Select(i => Element(shapes, shape["member"]!["locationName"]?.GetValue<string>() ?? "member", shape["member"]!["shape"]!.GetValue<string>(), i!))),
            "boolean" => new XElement(Ns + name, value.GetValue<bool>() ? "true" : "false"),
            "timestamp" => new XElement(Ns + name, DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
            _ => new XElement(Ns + name, value.ToString()),
        };
    }

    /// <summary>EC2's answer: <c>&lt;ActionResponse&gt;</c> with the request id and the output's members, no Result element.</summary>
    private static Reply Ok(string action, XNamespace ns, IEnumerable<XElement> members) =>
        new(200, "text/xml", new XElement(ns + (action + "Response"), new XElement(ns + "requestId", Guid.NewGuid().ToString()), members).ToString(SaveOptions.DisableFormatting));

    /// <summary>EC2's error answer (not Query's ErrorResponse): <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c>.</summary>
    public static Reply Error(int status, string code, string message) =>
        new(status, "text/xml", new XElement("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", Guid.NewGuid().ToString())).ToString(SaveOptions.DisableFormatting));
}

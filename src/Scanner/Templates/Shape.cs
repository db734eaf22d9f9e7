using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>A resource being shaped like a configuration item; attachments add to it before it becomes a <see cref="Resource"/>.</summary>
internal sealed class Shape
{
    private Shape(TemplateResource source, ResourceMapping mapping, string name, string arn, string region, string account)
    {
        (Source, Mapping, Name, Arn, Region, Account) = (source, mapping, name, arn, region, account);
    }

    public TemplateResource Source { get; }
    public ResourceMapping Mapping { get; }
    public string Name { get; }
    public string Arn { get; }
    public string Region { get; }
    public string Account { get; }
    public JsonObject Configuration { get; private init; } = [];
    public Dictionary<string, JsonNode?> Supplementary { get; } = new(StringComparer.OrdinalIgnoreCase);
    public JsonArray InlinePolicies { get; private init; } = [];
    public JsonArray AttachedPolicies { get; private init; } = [];
    public Dictionary<string, string> Tags { get; private init; } = [];
    /// <summary>Where each policy the resource carries is written: its own, and those attached to it from elsewhere in the template.</summary>
    public List<PolicyOrigin> Policies { get; } = [];

    /// <summary>The JSON pointer of a property of a template resource.</summary>
    public static string PropertyPointer(string logicalId, params string[] path) => SourceMap.Pointer(["Resources", logicalId, "Properties", .. path]);

    public static Shape Of(TemplateResource source, ResourceMapping mapping, JsonObject properties, TemplateContext context, Func<JsonNode?, JsonNode?> managedPolicyArn)
    {
        var given = mapping.NameProperty is null ? null : properties[mapping.NameProperty] as JsonValue;
        // Without a physical name CloudFormation makes one up at deploy time; the logical id stands in for it.
        var name = given?.ToString() is { Length: > 0 } text && !Unknown.Contains(text) ? text : source.LogicalId;
        var region = mapping.Global ? "global" : context.Region;
        var shape = new Shape(source, mapping, name, mapping.Arn(context.Account, context.Region, name), region, context.Account)
        {
            Configuration = (JsonObject)properties.DeepClone(),
            Tags = TemplateTags.Of(properties),
        };
        if (mapping.OwnPolicy is { } own && properties[own.Property] is { } policy)
        {
            shape.Supplementary["Policy"] = PolicyHardening.Harden(policy.DeepClone());
            shape.Policies.Add(PolicyOrigin.Of(PropertyPointer(source.LogicalId, own.Property), shape.Supplementary["Policy"]));
            // Only the hardened copy is read: the property as written may hold unknown actions that are not yet "*".
            shape.Configuration.Remove(own.Property);
        }
        if (source.Type == "AWS::S3::Bucket")
        {
            shape.Supplementary["AccessControlList"] = CannedAcl.Grants(properties["AccessControl"]);
        }
        if (mapping.InlineList is not null)
        {
            IamShapes.Fill(shape, source.Properties, properties, managedPolicyArn);
        }
        if (source.Type == "AWS::IAM::ManagedPolicy")
        {
            IamShapes.FillManagedPolicy(shape, properties);
        }
        return shape;
    }

    /// <summary>Adds a statement to the resource policy kept in supplementary configuration (Lambda permissions).</summary>
    public void AddStatement(JsonObject statement)
    {
        if (Supplementary.GetValueOrDefault("Policy") is not JsonObject { } policy)
        {
            policy = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray() };
            Supplementary["Policy"] = policy;
        }
        (policy["Statement"] as JsonArray)?.Add(statement);
    }

    public Resource ToResource()
    {
        if (Mapping.InlineList is { } list)
        {
            Configuration[list] = InlinePolicies.DeepClone();
            Configuration["AttachedManagedPolicies"] = AttachedPolicies.DeepClone();
        }
        return new Resource
        {
            Type = Mapping.ConfigType,
            Arn = Arn,
            Id = Name,
            Name = Name,
            AccountId = Account,
            Region = Region,
            Tags = Tags,
            Configuration = Element(Configuration),
            SupplementaryConfiguration = Supplementary.ToDictionary(e => e.Key, e => Element(e.Value), StringComparer.OrdinalIgnoreCase),
        };
    }

    private static JsonElement Element(JsonNode? node) => JsonSerializer.SerializeToElement(node);
}

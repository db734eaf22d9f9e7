using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Turns a template's resources into configuration-item-shaped resources by following
/// <see cref="ResourceMapping.Table"/>, then folds the policy resources (bucket, queue and topic
/// policies, IAM policies, Lambda permissions) into the resources they attach to.
/// </summary>
internal sealed class TemplateMapper(CfnTemplate template, TemplateContext context)
{
    private readonly IntrinsicResolver _resolver = new(template, context);
    private readonly Dictionary<string, Shape> _shapes = new(StringComparer.Ordinal);

    public static MappedTemplate Map(CfnTemplate template, TemplateContext context) => new TemplateMapper(template, context).Map();

    private MappedTemplate Map()
    {
        var notAssessed = new List<UnassessedResource>();
        var attachedTo = new Dictionary<string, string>(StringComparer.Ordinal);
        var created = template.Resources.Where(r => IsCreated(r, notAssessed)).ToList();
        foreach (var resource in created.Where(r => ResourceMapping.Table.ContainsKey(r.Type)))
        {
            _shapes[resource.LogicalId] = Shape.Of(resource, ResourceMapping.Table[resource.Type], Resolved(resource), context, ManagedPolicyArn);
        }
        foreach (var resource in created.Where(r => ResourceMapping.Attachments.ContainsKey(r.Type)))
        {
            var targets = Attach(resource);
            if (targets.Count > 0)
            {
                attachedTo[resource.LogicalId] = string.Join(", ", targets);
            }
            else if (!_shapes.ContainsKey(resource.LogicalId))
            {
                notAssessed.Add(new(resource, $"{resource.Type} attaches to nothing in this template, so its policy was not judged"));
            }
        }
        var nestedTemplates = new List<string>();
        foreach (var resource in created.Where(r => !ResourceMapping.Table.ContainsKey(r.Type) && !ResourceMapping.Attachments.ContainsKey(r.Type)))
        {
            notAssessed.Add(new(resource, WhyNotAssessed(resource, nestedTemplates)));
        }
        var mapped = _shapes.Values.Select(s => new MappedResource(s.Source, s.ToResource()) { Policies = s.Policies }).ToList();
        return new MappedTemplate(template, mapped, notAssessed, attachedTo) { NestedTemplates = nestedTemplates };
    }

    /// <summary>
    /// Why an unmapped resource was not judged. SAM resources and nested stacks hide resources (functions'
    /// roles, a whole stack) that only exist after CloudFormation processes them, so they say where to look.
    /// </summary>
    private string WhyNotAssessed(TemplateResource resource, List<string> nestedTemplates)
    {
        if (resource.Type.StartsWith(ResourceMapping.SamTypePrefix, StringComparison.Ordinal))
        {
            return $"SAM resource: {resource.Type} becomes functions, roles and policies only when AWS applies the " +
                "AWS::Serverless-2016-10-31 transform, so check the transformed template: create a change set, then " +
                "aws cloudformation get-template --stack-name STACK --change-set-name SET --template-stage Processed " +
                "(sam build and aws cloudformation package leave the SAM resources as they are)";
        }
        if (resource.Type == ResourceMapping.NestedStackType)
        {
            var url = _resolver.ResolveText(resource.Properties["TemplateURL"]);
            if (LocalTemplate(url) is { } local)
            {
                nestedTemplates.Add(local);
                return $"nested stack: its template {url} is checked as a template of its own (with its own parameter defaults)";
            }
            return $"nested stack: check its own template{(url is null || Unknown.Contains(url) ? "" : $" ({url})")} with guardrails check too";
        }
        return $"{resource.Type} is not mapped to a live resource shape, so no rule judged it";
    }

    /// <summary>A TemplateURL that is a relative path to an existing file (as aws cloudformation package takes it), resolved against the parent template.</summary>
    private string? LocalTemplate(string? url)
    {
        if (url is null || Unknown.Contains(url) || url.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(url))
        {
            return null;
        }
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(template.Path)) ?? "", url));
        return File.Exists(path) ? path : null;
    }

    /// <summary>A resource whose Condition is false is not created; an unknown condition is judged as if it were.</summary>
    private bool IsCreated(TemplateResource resource, List<UnassessedResource> notAssessed)
    {
        if (resource.Condition is { } name && _resolver.Condition(name) == false)
        {
            notAssessed.Add(new(resource, $"not created: its condition {name} is false with these parameters"));
            return false;
        }
        return true;
    }

    private JsonObject Resolved(TemplateResource resource) => _resolver.Resolve(resource.Properties) as JsonObject ?? [];

    /// <summary>The ARN of a managed policy the template itself creates (a Ref to it gives its ARN), else the resolved text.</summary>
    private JsonNode? ManagedPolicyArn(JsonNode? raw) =>
        raw is JsonObject { Count: 1 } o && o["Ref"]?.ToString() is { } id && template.Resources.Any(r => r.LogicalId == id && r.Type == "AWS::IAM::ManagedPolicy")
            ? JsonValue.Create(ResourceMapping.Table["AWS::IAM::ManagedPolicy"].Arn(context.Account, context.Region, NameOf(id)))
            : _resolver.Resolve(raw);

    private string NameOf(string logicalId)
    {
        var resource = template.Resources.First(r => r.LogicalId == logicalId);
        var property = ResourceMapping.Table.GetValueOrDefault(resource.Type)?.NameProperty;
        return property is not null && _resolver.ResolveText(resource.Properties[property]) is { } name && !Unknown.Contains(name) ? name : logicalId;
    }

    private List<string> Attach(TemplateResource resource)
    {
        var (targetProperties, policyProperty, target) = ResourceMapping.Attachments[resource.Type];
        var properties = Resolved(resource);
        var attached = new List<string>();
        foreach (var raw in targetProperties.SelectMany(p => Items(resource.Properties[p])))
        {
            if (FindTarget(raw, resource.Type) is not { } shape)
            {
                continue;
            }
            var policy = PolicyHardening.Harden(properties[policyProperty]?.DeepClone());
            var origin = PolicyOrigin.Of(Shape.PropertyPointer(resource.LogicalId, policyProperty), policy);
            var name = properties["PolicyName"]?.ToString() ?? properties["ManagedPolicyName"]?.ToString() ?? resource.LogicalId;
            switch (target)
            {
                case PolicyTarget.BucketPolicy:
                    shape.Supplementary["BucketPolicy"] = new JsonObject { ["policyText"] = policy?.ToJsonString() };
                    shape.Policies.Add(origin);
                    break;
                case PolicyTarget.ConfigurationPolicy:
                    shape.Configuration["Policy"] = policy;
                    shape.Policies.Add(origin);
                    break;
                case PolicyTarget.InlinePolicy:
                    shape.InlinePolicies.Add(new JsonObject { ["PolicyName"] = name, ["PolicyDocument"] = policy });
                    shape.Policies.Add(origin);
                    break;
                case PolicyTarget.AttachedManagedPolicy:
                    shape.AttachedPolicies.Add(new JsonObject { ["PolicyArn"] = ManagedPolicyArn(new JsonObject { ["Ref"] = resource.LogicalId }), ["PolicyName"] = NameOf(resource.LogicalId) });
                    break;
                case PolicyTarget.LambdaPermission:
                    var statement = LambdaPermissions.Statement(properties, shape.Arn);
                    shape.AddStatement(statement);
                    shape.Policies.Add(PolicyOrigin.OfStatement(SourceMap.OfResource(resource.LogicalId), statement));
                    break;
            }
            attached.Add(shape.Source.LogicalId);
        }
        return attached;
    }

    /// <summary>
    /// A target named by Ref or GetAtt to a template resource, or by the physical name or ARN the template gives it in any
    /// form AWS accepts for the property (<see cref="TargetNames"/>), written out or built with Sub or Join.
    /// </summary>
    private Shape? FindTarget(JsonNode? raw, string attachmentType)
    {
        var id = raw switch
        {
            JsonObject o when o["Ref"] is JsonValue r => r.ToString(),
            JsonObject o when o["Fn::GetAtt"] is JsonArray { Count: > 0 } a => a[0]?.ToString(),
            JsonObject o when o["Fn::GetAtt"] is JsonValue dotted && dotted.ToString().Split('.') is [var logical, ..] => logical,
            _ => null,
        };
        if (id is not null)
        {
            return _shapes.GetValueOrDefault(id);
        }
        if (_resolver.ResolveText(raw) is not { } resolved)
        {
            return null;
        }
        var text = TargetNames.Substitute(resolved, _shapes);
        if (_shapes.Values.FirstOrDefault(s => s.Name == text || s.Arn == text) is { } exact)
        {
            return exact;
        }
        return TargetNames.TargetType(attachmentType) is { } type && TargetNames.Parse(type, text) is var (name, account) && !Unknown.Contains(name)
            ? _shapes.Values.FirstOrDefault(s => s.Source.Type == type && s.Name == name && (account is null || Unknown.Contains(account) || account == s.Account))
            : null;
    }

    private static IEnumerable<JsonNode?> Items(JsonNode? value) => value switch
    {
        null => Array.Empty<JsonNode?>(),
        JsonArray list => list,
        _ => new[] { value },
    };
}

using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// IAM entities in the get-account-authorization-details shape IamPrincipals reads: a role's trust in
/// AssumeRolePolicyDocument, inline Policies as RolePolicyList/UserPolicyList/GroupPolicyList,
/// ManagedPolicyArns as AttachedManagedPolicies; a managed policy as a one-version PolicyVersionList.
/// </summary>
internal static class IamShapes
{
    public static void Fill(Shape shape, JsonObject raw, JsonObject properties, Func<JsonNode?, JsonNode?> managedPolicyArn)
    {
        var id = shape.Source.LogicalId;
        if (properties["AssumeRolePolicyDocument"] is { } trust)
        {
            shape.Configuration["AssumeRolePolicyDocument"] = PolicyHardening.Harden(trust.DeepClone());
            shape.Policies.Add(PolicyOrigin.Of(Shape.PropertyPointer(id, "AssumeRolePolicyDocument"), shape.Configuration["AssumeRolePolicyDocument"]));
        }
        var inlines = properties["Policies"] as JsonArray ?? [];
        for (var i = 0; i < inlines.Count; i++)
        {
            if (inlines[i] is not JsonObject inline)
            {
                continue;
            }
            var document = PolicyHardening.Harden(inline["PolicyDocument"]?.DeepClone());
            shape.InlinePolicies.Add(new JsonObject { ["PolicyName"] = inline["PolicyName"]?.DeepClone(), ["PolicyDocument"] = document });
            shape.Policies.Add(PolicyOrigin.Of(Shape.PropertyPointer(id, "Policies", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "PolicyDocument"), document));
        }
        foreach (var arn in (raw["ManagedPolicyArns"] as JsonArray ?? []).Select(managedPolicyArn))
        {
            // An ARN only known at deploy time names a policy nobody can judge: IamPrincipals lists it as unresolved.
            var text = arn?.ToString() ?? "";
            shape.AttachedPolicies.Add(new JsonObject { ["PolicyArn"] = text, ["PolicyName"] = text[(text.LastIndexOf('/') + 1)..] });
        }
        if (properties["Groups"] is JsonArray groups)
        {
            shape.Configuration["GroupList"] = groups.DeepClone();
        }
    }

    public static void FillManagedPolicy(Shape shape, JsonObject properties)
    {
        shape.Configuration["PolicyName"] = shape.Name;
        shape.Configuration["DefaultVersionId"] = "v1";
        shape.Configuration["PolicyVersionList"] = new JsonArray(new JsonObject
        {
            ["VersionId"] = "v1",
            ["IsDefaultVersion"] = true,
            ["Document"] = PolicyHardening.Harden(properties["PolicyDocument"]?.DeepClone()),
        });
        shape.Policies.Add(PolicyOrigin.Of(Shape.PropertyPointer(shape.Source.LogicalId, "PolicyDocument"), shape.Configuration["PolicyVersionList"]![0]!["Document"]));
    }
}

using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// An AWS::Lambda::Permission as the statement Lambda adds to the function's resource policy
/// (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html): a service
/// principal, or an account; SourceAccount and SourceArn become the conditions Lambda writes.
/// </summary>
internal static class LambdaPermissions
{
    public static JsonObject Statement(JsonObject properties, string functionArn)
    {
        var principal = properties["Principal"]?.ToString() ?? "*";
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = principal.EndsWith(".amazonaws.com", StringComparison.Ordinal) || principal.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal)
                ? new JsonObject { ["Service"] = principal }
                : principal == "*" ? "*" : new JsonObject { ["AWS"] = principal },
            ["Action"] = properties["Action"]?.DeepClone() ?? "*",
            ["Resource"] = functionArn,
        };
        var conditions = new JsonObject();
        if (properties["SourceAccount"] is { } account)
        {
            conditions["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = account.DeepClone() };
        }
        if (properties["SourceArn"] is { } arn)
        {
            conditions["ArnLike"] = new JsonObject { ["AWS:SourceArn"] = arn.DeepClone() };
        }
        if (conditions.Count > 0)
        {
            statement["Condition"] = conditions;
        }
        return statement;
    }
}

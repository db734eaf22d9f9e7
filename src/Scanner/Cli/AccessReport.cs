using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>The answers of <c>guardrails access</c> as text for people and as JSON for scripts.</summary>
internal static class AccessReport
{
    /// <summary>What was asked; <see cref="Principal"/> null for <c>who</c>.</summary>
    internal sealed record Question(string? Principal, string Action, string Resource, IReadOnlyDictionary<string, IReadOnlyList<string>> Context, string? OrganizationNote);

    /// <param name="notAllowed"><c>who</c>: the principals the resource policy names that may not, for this request context.</param>
    public static string Text(Question question, IReadOnlyList<EstateAnswer> answers, IReadOnlyList<EstateAnswer>? notAllowed = null)
    {
        var text = new StringBuilder();
        if (question.OrganizationNote is { } note)
        {
            text.AppendLine($"note: {note}");
        }
        if (question.Principal is null)
        {
            var principals = answers.GroupBy(a => a.Who.Principal).ToList();
            text.AppendLine($"{principals.Count} principal(s) may {question.Action} on {question.Resource}");
            AppendPrincipals(text, principals);
            var named = (notAllowed ?? []).GroupBy(a => a.Who.Principal).ToList();
            if (named.Count > 0)
            {
                text.AppendLine($"named by the resource policy, but not allowed for this request context ({named.Count}):");
                AppendPrincipals(text, named);
            }
            return text.ToString();
        }
        foreach (var answer in answers)
        {
            var verdict = answer.Answer.Allowed ? "ALLOWED" : "DENIED";
            text.AppendLine($"{verdict}{(answer.Answer.Uncertain ? " (conditional)" : "")}: {question.Principal} {answer.Action} on {question.Resource}");
            text.AppendLine($"  {answer.Answer.Reason}");
            AppendDecisions(text, answer, "  ");
        }
        return text.ToString();
    }

    private static void AppendPrincipals(StringBuilder text, IEnumerable<IGrouping<RequestPrincipal, EstateAnswer>> principals)
    {
        foreach (var principal in principals)
        {
            text.AppendLine(principal.Key.Kind is RequestPrincipalKind.User or RequestPrincipalKind.Role
                ? principal.Key.Arn
                : $"{principal.Key.Arn} ({AccessWho.Meaning(principal.Key)})");
            foreach (var answer in principal)
            {
                text.AppendLine($"  {answer.Action}{(answer.Answer.Uncertain ? " (conditional)" : "")}: {answer.Answer.Reason}");
                AppendDecisions(text, answer, "    ");
            }
        }
    }

    private static void AppendDecisions(StringBuilder text, EstateAnswer answer, string indent)
    {
        foreach (var decision in answer.Answer.Decisions.Where(d => d.Verdict != PolicyVerdict.NotApplicable))
        {
            // An organisation's verdict sums up every level; its statements are named here.
            var unnamed = decision.Deciding.Select(st => st.Label).Distinct().Where(l => !decision.Reason.Contains(l, StringComparison.Ordinal)).ToList();
            text.AppendLine($"{indent}{decision.PolicyType}: {Verdict(decision.Verdict)}: {decision.Reason}{(unnamed.Count > 0 ? $" ({string.Join(", ", unnamed)})" : "")}");
        }
        foreach (var missing in answer.NotJudged)
        {
            text.AppendLine($"{indent}not judged: {missing}");
        }
    }

    public static string Json(Question question, IReadOnlyList<EstateAnswer> answers, IReadOnlyList<EstateAnswer>? notAllowed = null)
    {
        var root = new JsonObject
        {
            ["action"] = question.Action,
            ["resource"] = question.Resource,
            ["context"] = new JsonObject(question.Context.Select(k => KeyValuePair.Create(k.Key, (JsonNode?)new JsonArray([.. k.Value.Select(v => JsonValue.Create(v))])))),
            ["organizationNote"] = question.OrganizationNote,
        };
        if (question.Principal is { } principal)
        {
            root["principal"] = principal;
            root["allowed"] = answers.All(a => a.Answer.Allowed);
            root["answers"] = new JsonArray([.. answers.Select(Answer)]);
        }
        else
        {
            root["principals"] = Principals(answers);
            root["namedButNotAllowed"] = Principals(notAllowed ?? []);
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static JsonArray Principals(IEnumerable<EstateAnswer> answers) =>
        new([.. answers.GroupBy(a => a.Who.Principal).Select(g => (JsonNode)new JsonObject
        {
            ["principal"] = g.Key.Arn,
            ["kind"] = AccessWho.KindOf(g.Key),
            ["answers"] = new JsonArray([.. g.Select(Answer)]),
        })]);

    private static JsonNode Answer(EstateAnswer answer) => new JsonObject
    {
        ["action"] = answer.Action,
        ["allowed"] = answer.Answer.Allowed,
        ["conditional"] = answer.Answer.Uncertain,
        ["reason"] = answer.Answer.Reason,
        ["decisions"] = new JsonArray([.. answer.Answer.Decisions.Select(d => (JsonNode)new JsonObject
        {
            ["policyType"] = d.PolicyType,
            ["verdict"] = Verdict(d.Verdict),
            ["conditional"] = d.Uncertain,
            ["reason"] = d.Reason,
            ["statements"] = new JsonArray([.. d.Deciding.Select(s => (JsonNode)new JsonObject
            {
                ["label"] = s.Label,
                ["effect"] = s.Effect.ToString(),
                ["statement"] = JsonNode.Parse(s.Json),
            })]),
        })]),
        ["notJudged"] = new JsonArray([.. answer.NotJudged.Select(n => JsonValue.Create(n))]),
    };

    private static string Verdict(PolicyVerdict verdict) => verdict switch
    {
        PolicyVerdict.Allowed => "allow",
        PolicyVerdict.ExplicitlyDenied => "explicit deny",
        PolicyVerdict.ImplicitlyDenied => "implicit deny",
        _ => "not applicable",
    };
}

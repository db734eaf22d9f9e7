using System.CommandLine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// <c>guardrails access may|who</c>: the AWS policy simulator's question answered from a snapshot, estate-wide and
/// offline, by the evaluator the rules use (<see cref="AccessEvaluator"/>, through <see cref="EstateAccess"/>).
/// Exit codes for scripts: 0 allowed (<c>may</c>: every action asked; <c>who</c>: some principal may), 1 denied
/// (<c>who</c>: nobody may), 2 a usage error (an unknown principal, resource or action among them).
/// </summary>
internal static class AccessCommand
{
    public static Command Create()
    {
        var command = new Command("access", """
            May principal P do action A on resource R? Who may? Answered from a snapshot as AWS's policy evaluation
            answers it (SCPs, RCPs, resource-based policies, identity-based policies, permissions boundaries), with the
            statement of every policy type that decided it. Exit codes: 0 allowed, 1 denied, 2 usage error.
            """)
        {
            Verb("may", "May this principal do the action on the resource? Exit 0 allowed, 1 denied.", withPrincipal: true),
            Verb("who", "Every principal that may do the action on the resource: the snapshot's users and roles, the account roots, services, federated providers and \"*\" its policy names. Exit 0 when some may, 1 when none may.", withPrincipal: false),
        };
        return command;
    }

    private static Command Verb(string name, string description, bool withPrincipal)
    {
        var snapshot = new Option<string>("--snapshot") { Description = "The snapshot directory to answer from", Required = true };
        var config = new Option<string?>("--config") { Description = "guardrails.yaml (default: SNAPSHOT/guardrails.yaml when there is one)" };
        var principal = new Option<string>("--principal") { Description = "The caller: a user's or role's ARN, a role session's (arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION) or arn:aws:iam::ACCOUNT:root", Required = true };
        var action = new Option<string>("--action") { Description = "service:Action; a wildcard (s3:Get*) asks every real action it names", Required = true };
        var resource = new Option<string>("--resource") { Description = "The resource's ARN (an S3 object's under its bucket), or * for an action that takes none", Required = true };
        var context = new Option<string[]>("--context") { Description = "A request context key: key=value (repeat a key for a multivalued one)", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var verb = new Command(name, description) { snapshot, config, action, resource, context, format };
        if (withPrincipal)
        {
            verb.Add(principal);
        }
        verb.SetAction(async (parse, cancellationToken) =>
        {
            var request = new Request(parse.GetValue(snapshot)!, parse.GetValue(config), withPrincipal ? parse.GetValue(principal) : null,
                parse.GetValue(action)!, parse.GetValue(resource)!, parse.GetValue(context) ?? [], parse.GetValue(format) == "json");
            return await RunAsync(request, Console.Out, Console.Error, cancellationToken);
        });
        return verb;
    }

    /// <summary>One question; <see cref="Principal"/> null asks who may.</summary>
    internal sealed record Request(string Snapshot, string? Config, string? Principal, string Action, string Resource, string[] Context, bool Json);

    internal static async Task<int> RunAsync(Request request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (estate, problem) = Open(request);
        if (problem is not null || estate is null)
        {
            await stderr.WriteLineAsync($"error: {problem}");
            return ExitCodes.UsageError;
        }
        var (context, contextProblem) = ParseContext(request.Context);
        var actions = ServiceCatalog.Expand(request.Action);
        var target = estate.Access.Resource(request.Resource);
        var who = request.Principal is { } arn ? estate.Access.Principal(arn) : null;
        var mistakes = new List<string>();
        if (contextProblem is not null)
        {
            mistakes.Add(contextProblem);
        }
        if (actions.Count == 0)
        {
            mistakes.Add($"--action {request.Action} names no action of AWS's service reference (a likely mistake); closest: {string.Join(", ", ServiceCatalog.Closest(request.Action))}");
        }
        if (target is null)
        {
            mistakes.Add($"--resource {request.Resource} is not in the snapshot; nearest: {string.Join(", ", estate.Access.Nearby(request.Resource, principalsOnly: false))}");
        }
        if (request.Principal is not null && who is null)
        {
            mistakes.Add($"--principal {request.Principal} is not a user, role or account root of the snapshot; nearest: {string.Join(", ", estate.Access.Nearby(request.Principal, principalsOnly: true))}");
        }
        if (mistakes.Count > 0)
        {
            foreach (var mistake in mistakes)
            {
                await stderr.WriteLineAsync($"error: {mistake}");
            }
            return ExitCodes.UsageError;
        }
        cancellationToken.ThrowIfCancellationRequested();
        // who: the estate's users and roles, then the principals only a resource policy names (roots, services, federated, "*").
        var named = who is null ? AccessWho.Named(target!).SelectMany(p => actions.Select(a => estate.Access.Ask(p, a, target!, context))).ToList() : [];
        var answers = who is not null
            ? [.. actions.Select(a => estate.Access.Ask(who, a, target!, context))]
            : estate.Access.Principals.SelectMany(p => actions.Select(a => estate.Access.Ask(estate.Access.Principal(p.Arn)!, a, target!, context)))
                .Concat(named).Where(a => a.Answer.Allowed).ToList();
        var notAllowed = named.Where(a => !a.Answer.Allowed).ToList();
        var question = new AccessReport.Question(request.Principal, request.Action, request.Resource, context, estate.OrganizationNote);
        await stdout.WriteAsync(request.Json ? AccessReport.Json(question, answers, notAllowed) : AccessReport.Text(question, answers, notAllowed));
        await stdout.FlushAsync(cancellationToken);
        var allowed = who is not null ? answers.All(a => a.Answer.Allowed) : answers.Count > 0;
        return allowed ? ExitCodes.Ok : ExitCodes.Denied;
    }

    private sealed record OpenEstate(EstateAccess Access, string? OrganizationNote);

    private static (OpenEstate? Estate, string? Problem) Open(Request request)
    {
        var directory = Path.GetFullPath(request.Snapshot);
        if (!Directory.Exists(directory))
        {
            return (null, $"no snapshot directory at {directory}");
        }
        Estate estate;
        try
        {
            var configPath = request.Config ?? Path.Combine(directory, SnapshotLayout.EstateFile);
            estate = request.Config is null && !File.Exists(configPath) ? Estate.Empty : GuardrailsConfig.Load(configPath).Estate;
        }
        catch (ConfigException ex)
        {
            return (null, ex.Message);
        }
        var snapshot = SnapshotReader.Read(directory, estate);
        var organization = snapshot.Organization;
        return (new OpenEstate(new EstateAccess(new Inventory(snapshot.Resources), organization.Organization), organization.NotReadReason is { } why
            ? $"judged without SCPs and RCPs: the organisation was not read ({why})"
            : null), null);
    }

    private static (IReadOnlyDictionary<string, IReadOnlyList<string>> Context, string? Problem) ParseContext(string[] pairs)
    {
        var keys = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (new Dictionary<string, IReadOnlyList<string>>(), $"--context {pair} is not key=value (aws:SourceIp=10.0.0.1)");
            }
            var key = pair[..equals];
            (keys.TryGetValue(key, out var values) ? values : keys[key] = []).Add(pair[(equals + 1)..]);
        }
        return (keys.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)k.Value, StringComparer.OrdinalIgnoreCase), null);
    }
}

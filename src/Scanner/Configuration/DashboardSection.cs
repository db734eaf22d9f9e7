using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>Reads guardrails.yaml's <c>dashboard:</c> section (who may use serve, as whom), every mistake listed.</summary>
internal static partial class DashboardSection
{
    public static DashboardSettings Read(JsonNode? node, IReadOnlyCollection<string> customers, List<string> errors)
    {
        var section = node as JsonObject;
        ConfigValues.KnownKeys(section, "dashboard", errors,
            "bearerTokenVariable", "basicUser", "basicPasswordVariable", "trustLoopback", "allowedHosts", "users", "oidc");
        var settings = new DashboardSettings
        {
            BearerTokenVariable = Variable(section, "bearerTokenVariable", "dashboard", errors),
            BasicUser = ConfigValues.Text(section?["basicUser"]),
            BasicPasswordVariable = Variable(section, "basicPasswordVariable", "dashboard", errors),
            TrustLoopback = ConfigValues.Boolean(section?["trustLoopback"], "dashboard.trustLoopback", errors) ?? true,
            AllowedHosts = Hosts(section?["allowedHosts"], errors),
            Users = Users(section?["users"], customers, errors),
            Oidc = Oidc(section?["oidc"], errors),
        };
        if ((settings.BasicUser is null) != (settings.BasicPasswordVariable is null))
        {
            errors.Add("dashboard: basicUser and basicPasswordVariable go together");
        }
        if (settings.BasicUser is { } basic && settings.Users.Any(u => u.Name == basic))
        {
            errors.Add($"dashboard.basicUser: '{basic}' is also the name of one of dashboard.users");
        }
        if (!settings.TrustLoopback && !settings.HasAuthentication)
        {
            errors.Add("dashboard.trustLoopback: false needs bearerTokenVariable, basicUser, users or oidc, or nobody could get in");
        }
        return settings;
    }

    private static List<string> Hosts(JsonNode? node, List<string> errors)
    {
        var hosts = Strings(node, "dashboard.allowedHosts", errors);
        foreach (var host in hosts.Where(h => !HostName().IsMatch(h)))
        {
            // "*" would accept any Host header again, which is what DNS rebinding needs.
            errors.Add($"dashboard.allowedHosts: '{host}' is not a host name (example.com, *.example.com, 10.0.0.5 or [::1]; no scheme, port or bare *)");
        }
        return hosts;
    }

    private static List<DashboardUser> Users(JsonNode? node, IReadOnlyCollection<string> customers, List<string> errors)
    {
        var users = new List<DashboardUser>();
        if (node is not null and not JsonArray)
        {
            errors.Add("dashboard.users: must be a list of users (name, customers, and a bearer token or a password)");
            return users;
        }
        foreach (var (item, index) in (node as JsonArray ?? []).Select((n, i) => (n as JsonObject, i)))
        {
            var path = $"dashboard.users[{index}]";
            ConfigValues.KnownKeys(item, path, errors, "name", "customers", "bearerTokenVariable", "bearerTokenSha256", "passwordVariable", "passwordPbkdf2");
            var user = new DashboardUser
            {
                Name = ConfigValues.Text(item?["name"]) ?? "",
                Customers = Strings(item?["customers"], $"{path}.customers", errors),
                BearerTokenVariable = Variable(item, "bearerTokenVariable", path, errors),
                BearerTokenSha256 = ConfigValues.Text(item?["bearerTokenSha256"]),
                PasswordVariable = Variable(item, "passwordVariable", path, errors),
                PasswordPbkdf2 = ConfigValues.Text(item?["passwordPbkdf2"]),
            };
            if (user.Name.Length == 0 || user.Name.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"{path}.name: missing, or holds ':' (it is the basic user name)");
            }
            else if (users.Any(u => u.Name == user.Name))
            {
                errors.Add($"{path}.name: '{user.Name}' is listed twice");
            }
            if (user.Customers.Count == 0)
            {
                errors.Add($"{path}.customers: missing (customer ids, or \"*\" for every customer and the dashboard)");
            }
            errors.AddRange(user.Customers.Where(c => c != DashboardUser.AllCustomers && !customers.Contains(c))
                .Select(c => $"{path}.customers: no customer '{c}' in estate.customers"));
            Secrets(user, path, errors);
            users.Add(user);
        }
        return users;
    }

    private static void Secrets(DashboardUser user, string path, List<string> errors)
    {
        if (user.BearerTokenVariable is not null && user.BearerTokenSha256 is not null)
        {
            errors.Add($"{path}: bearerTokenVariable or bearerTokenSha256, not both");
        }
        if (user.PasswordVariable is not null && user.PasswordPbkdf2 is not null)
        {
            errors.Add($"{path}: passwordVariable or passwordPbkdf2, not both");
        }
        if (user.BearerTokenVariable is null && user.BearerTokenSha256 is null && user.PasswordVariable is null && user.PasswordPbkdf2 is null)
        {
            errors.Add($"{path}: no way to sign in (bearerTokenVariable, bearerTokenSha256, passwordVariable or passwordPbkdf2)");
        }
        if (user.BearerTokenSha256 is { } sha && !Sha256Hex().IsMatch(sha))
        {
            errors.Add($"{path}.bearerTokenSha256: not 64 lower-case hex digits (printf %s \"$TOKEN\" | sha256sum)");
        }
        if (user.PasswordPbkdf2 is { } pbkdf2 && !Pbkdf2Hash.TryParse(pbkdf2, out _))
        {
            errors.Add($"{path}.passwordPbkdf2: not pbkdf2-sha256$ITERATIONS$SALT$HASH (base64; at least {Pbkdf2Hash.MinimumIterations} iterations, 16-byte salt, 32-byte hash)");
        }
    }

    private static OidcSettings? Oidc(JsonNode? node, List<string> errors)
    {
        if (node is null)
        {
            return null;
        }
        var section = node as JsonObject;
        ConfigValues.KnownKeys(section, "dashboard.oidc", errors, "issuer", "audience", "customersClaim", "metadataAddress");
        var issuer = ConfigValues.Text(section?["issuer"]);
        var audience = ConfigValues.Text(section?["audience"]);
        var metadata = ConfigValues.Text(section?["metadataAddress"]);
        if (issuer is null || !Uri.TryCreate(issuer, UriKind.Absolute, out _))
        {
            errors.Add("dashboard.oidc.issuer: missing, or not an absolute URL (the tokens' iss)");
        }
        if (string.IsNullOrWhiteSpace(audience))
        {
            errors.Add("dashboard.oidc.audience: missing (the tokens' aud, this server's client or API id)");
        }
        if (metadata is not null && !Uri.TryCreate(metadata, UriKind.Absolute, out _))
        {
            errors.Add("dashboard.oidc.metadataAddress: not an absolute URL");
        }
        return new OidcSettings
        {
            Issuer = issuer ?? "",
            Audience = audience ?? "",
            CustomersClaim = ConfigValues.Text(section?["customersClaim"]) ?? OidcSettings.DefaultCustomersClaim,
            MetadataAddress = metadata,
        };
    }

    private static string? Variable(JsonObject? section, string key, string path, List<string> errors)
    {
        var variable = ConfigValues.Text(section?[key]);
        if (variable is not null && !ConfigValues.VariableName().IsMatch(variable))
        {
            errors.Add($"{path}.{key}: '{variable}' is not an environment variable name (the secret itself never goes in guardrails.yaml)");
        }
        return variable;
    }

    private static List<string> Strings(JsonNode? node, string path, List<string> errors)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonArray list when list.All(n => n is JsonValue):
                return [.. list.Select(n => n!.ToString())];
            default:
                errors.Add($"{path}: must be a list of strings");
                return [];
        }
    }

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}

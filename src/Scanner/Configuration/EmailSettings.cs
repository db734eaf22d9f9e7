using System.Net;
using System.Net.Mail;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// A notification channel's email over SMTP: one message per audit to the channel's recipients (its
/// recipient group), plain text and HTML. The password is a secret: guardrails.yaml names the
/// environment variable that holds it, never the password itself.
/// <code>
///     - name: secops-mail
///       minSeverity: high
///       email:
///         host: smtp.example.com
///         port: 587                     # default: 587 for starttls, 465 for implicit, 25 for none
///         tls: starttls                 # starttls (default), implicit (TLS from the first byte) or none
///         from: guardrails@example.com
///         to: [secops@example.com, cloud-ops@example.com]
///         username: guardrails
///         passwordVariable: SMTP_PASSWORD
/// </code>
/// </summary>
internal sealed record EmailSettings
{
    public const string StartTls = "starttls";
    public const string ImplicitTls = "implicit";
    public const string NoTls = "none";
    public static readonly string[] TlsModes = [StartTls, ImplicitTls, NoTls];

    public required string Host { get; init; }
    public required int Port { get; init; }
    /// <summary>starttls, implicit or none.</summary>
    public required string Tls { get; init; }
    public required string From { get; init; }
    /// <summary>The recipient group: every address is on the one message.</summary>
    public required IReadOnlyList<string> To { get; init; }
    public string? Username { get; init; }
    /// <summary>The environment variable holding the SMTP password; set exactly when <see cref="Username"/> is.</summary>
    public string? PasswordVariable { get; init; }

    /// <summary>The port each mode is served on by convention (RFC 8314: 465 implicit TLS, 587 submission).</summary>
    public static int DefaultPort(string tls) => tls switch
    {
        ImplicitTls => 465,
        NoTls => 25,
        _ => 587,
    };

    public static EmailSettings Read(JsonNode? node, string path, List<string> errors)
    {
        var section = node as JsonObject;
        if (section is null)
        {
            errors.Add($"{path}: must be a mapping of host, port, tls, from, to, username and passwordVariable");
        }
        ConfigValues.KnownKeys(section, path, errors, "host", "port", "tls", "from", "to", "username", "passwordVariable");
        var tls = ConfigValues.Text(section?["tls"]) ?? StartTls;
        if (!TlsModes.Contains(tls, StringComparer.Ordinal))
        {
            errors.Add($"{path}.tls: '{tls}' is not one of {string.Join(", ", TlsModes)}");
        }
        var port = ConfigValues.Integer(section?["port"], $"{path}.port", 1, errors) ?? DefaultPort(tls);
        if (port > 65535)
        {
            errors.Add($"{path}.port: '{port}' is not a TCP port (1 to 65535)");
        }
        var host = ConfigValues.Text(section?["host"]) ?? "";
        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add($"{path}.host: '{host}' is not a host name or address of an SMTP server");
        }
        var from = ConfigValues.Text(section?["from"]) ?? "";
        if (!IsAddress(from))
        {
            errors.Add($"{path}.from: '{from}' is not an email address");
        }
        var to = Recipients(section?["to"], $"{path}.to", errors);
        var username = ConfigValues.Text(section?["username"]);
        var passwordVariable = ConfigValues.Text(section?["passwordVariable"]);
        if ((username is null) != (passwordVariable is null))
        {
            errors.Add($"{path}: username and passwordVariable go together (the server is logged in to with both, or not at all)");
        }
        if (passwordVariable is not null && !ConfigValues.VariableName().IsMatch(passwordVariable))
        {
            // Not echoed: what was written there may be the password itself.
            errors.Add($"{path}.passwordVariable: is not an environment variable name (the password is a secret: it never goes in guardrails.yaml)");
        }
        if (username is not null && tls == NoTls && !IsLoopback(host))
        {
            errors.Add($"{path}.tls: none would send the password in clear to {host}; use starttls or implicit (none is for a relay on this machine only)");
        }
        return new EmailSettings { Host = host, Port = port, Tls = tls, From = from, To = to, Username = username, PasswordVariable = passwordVariable };
    }

    private static List<string> Recipients(JsonNode? node, string path, List<string> errors)
    {
        List<string> to = node switch
        {
            JsonArray list => [.. list.Select(n => ConfigValues.Text(n) ?? "")],
            JsonValue one => [one.ToString()],
            _ => [],
        };
        if (to.Count == 0)
        {
            errors.Add($"{path}: the channel needs at least one recipient");
        }
        foreach (var address in to.Where(a => !IsAddress(a)))
        {
            errors.Add($"{path}: '{address}' is not an email address");
        }
        return to;
    }

    /// <summary>One plain address, not a list or a display-name form that a header could be smuggled into.</summary>
    private static bool IsAddress(string text) =>
        text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"')
        && MailAddress.TryCreate(text, out var address) && address.Address == text;

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

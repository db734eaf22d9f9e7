namespace Ocado.Guardrails.Scanner.Web;

/// <summary>How a request proved who it is.</summary>
internal enum ServeCredential
{
    /// <summary>No credentials, from the machine itself (dashboard.trustLoopback).</summary>
    Loopback,
    Bearer,
    Basic,
    /// <summary>A JWT bearer token of the configured OpenID Connect issuer.</summary>
    Jwt,
}

/// <summary>
/// Who a request of <c>guardrails serve</c> comes from, and which customers it may see:
/// <see cref="Customers"/> null is an operator (every customer, the dashboard, the estate's reports).
/// </summary>
internal sealed record ServeIdentity(string Name, ServeCredential Credential, IReadOnlySet<string>? Customers)
{
    public bool IsOperator => Customers is null;

    /// <summary>
    /// A browser attaches these on its own to any request to this server, a cross-site one too
    /// (cached basic credentials; the loopback address itself), so a state-changing request with
    /// them must prove it comes from our own page. A bearer token is only ever sent by script.
    /// </summary>
    public bool IsAmbient => Credential is ServeCredential.Loopback or ServeCredential.Basic;

    public bool MaySee(string customer) => Customers is null || Customers.Contains(customer);

    public static ServeIdentity For(string name, ServeCredential credential, IEnumerable<string> customers)
    {
        var set = customers.ToHashSet(StringComparer.Ordinal);
        return new ServeIdentity(name, credential, set.Contains(Configuration.DashboardUser.AllCustomers) ? null : set);
    }
}

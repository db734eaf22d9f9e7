using System.Text;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>Secrets for the dashboard: section of a test's guardrails.yaml, in environment variables of their own.</summary>
internal static class DashboardUsers
{
    /// <summary>Sets a new environment variable to <paramref name="value"/> and returns its name.</summary>
    public static string Variable(string value)
    {
        var name = "GUARDRAILS_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }

    public static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}

using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Estates;

namespace Ocado.Guardrails.Reports.Scoping;

/// <summary>
/// Replaces, in free text, what one customer must not learn of others: their account ids, ids and
/// names, and the platform's account ids. ARNs carry the account id, so an ARN of another customer
/// loses it too.
/// </summary>
internal sealed partial class Redactor
{
    public const string OtherAccount = "[another customer's account]";
    public const string PlatformAccount = "[platform account]";
    public const string OtherCustomer = "[another customer]";

    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Regex? _namePattern;

    public Redactor(Estate estate, Customer kept)
    {
        foreach (var account in estate.PlatformAccounts)
        {
            _accounts[account] = PlatformAccount;
        }
        foreach (var other in estate.Customers.Where(c => c.Id != kept.Id))
        {
            foreach (var account in other.Accounts)
            {
                _accounts[account] = OtherAccount;
            }
            _names[other.Id] = OtherCustomer;
            _names[other.Name] = OtherCustomer;
        }
        foreach (var account in kept.Accounts)
        {
            _accounts.Remove(account);
        }
        // The kept customer's own id and name map to themselves: with the longest alternative tried
        // first, "acme-eu" stays whole in acme-eu's report even when another customer is "acme".
        _names[kept.Id] = kept.Id;
        _names[kept.Name] = kept.Name;
        var alternatives = _names.Keys
            .Where(n => n.Length > 0)
            .OrderByDescending(n => n.Length)
            .Select(Regex.Escape)
            .ToList();
        if (_names.Values.Any(v => v == OtherCustomer))
        {
            // Compiled: it runs over every message, evidence and tag of the customer's findings (at a million resources,
            // 1.8 s of the interpreter per scan), and a scan makes one per customer.
            _namePattern = new Regex(
                $"(?<![A-Za-z0-9])(?:{string.Join('|', alternatives)})(?![A-Za-z0-9])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
    }

    public string Redact(string text)
    {
        // Most texts name only the kept customer's own accounts: replacing every match by itself would copy each
        // message and evidence into every customer's report. Each pattern replaces only where a match is redacted.
        var redacted = Redacts(AccountId(), text, _accounts.GetAlternateLookup<ReadOnlySpan<char>>(), _ => true)
            ? AccountId().Replace(text, m => _accounts.GetValueOrDefault(m.Value, m.Value))
            : text;
        return _namePattern is not null && Redacts(_namePattern, redacted, _names.GetAlternateLookup<ReadOnlySpan<char>>(), to => to == OtherCustomer)
            ? _namePattern.Replace(redacted, m => _names.TryGetValue(m.Value, out var to) && to == OtherCustomer ? to : m.Value)
            : redacted;
    }

    /// <summary>Whether a match of <paramref name="pattern"/> in <paramref name="text"/> is one <paramref name="redacts"/> replaces (found without copying).</summary>
    private static bool Redacts(Regex pattern, string text, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> replacements, Func<string, bool> redacts)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (replacements.TryGetValue(text.AsSpan(match.Index, match.Length), out var to) && redacts(to))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Tags with keys and values redacted; two keys that redact alike keep the first's value.</summary>
    public IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> tags)
    {
        var redacted = new Dictionary<string, string>(tags.Count, StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            redacted.TryAdd(Redact(key), Redact(value));
        }
        return redacted;
    }

    [GeneratedRegex("(?<![0-9])[0-9]{12}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();
}

using System.Collections.Frozen;

namespace Ocado.Guardrails.Rules.Estates;

/// <summary>Which customer owns which account, and which accounts are the platform's.</summary>
public sealed class Estate
{
    private readonly FrozenDictionary<string, Customer> _customerByAccount;
    private readonly FrozenSet<string> _platform;

    public Estate(IReadOnlyList<Customer> customers, IReadOnlyList<string> platformAccounts, IReadOnlyList<string> regions)
    {
        // Every rule reads the estate: nothing of it may be writable through a cast (see Frozen).
        Customers = Frozen.List(customers);
        PlatformAccounts = Frozen.List(platformAccounts);
        Regions = Frozen.List(regions);
        _platform = platformAccounts.ToFrozenSet(StringComparer.Ordinal);
        var byAccount = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var customer in Customers)
        {
            foreach (var account in customer.Accounts)
            {
                byAccount[account] = customer;
            }
        }
        _customerByAccount = byAccount.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static Estate Empty { get; } = new([], [], []);

    public IReadOnlyList<Customer> Customers { get; }
    public IReadOnlyList<string> PlatformAccounts { get; }
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Every account of the estate: the customers' and the platform's.</summary>
    public IEnumerable<string> Accounts => _customerByAccount.Keys.Concat(PlatformAccounts).Distinct();

    /// <summary>The customer that owns the account, or null for a platform or unknown account.</summary>
    public Customer? CustomerOf(string accountId) => _customerByAccount.GetValueOrDefault(accountId);

    public bool IsPlatform(string accountId) => _platform.Contains(accountId);

    public bool IsKnown(string accountId) => _customerByAccount.ContainsKey(accountId) || _platform.Contains(accountId);

    /// <summary>How <paramref name="grantee"/> relates to <paramref name="owner"/>, the account that owns a resource.</summary>
    public AccountRelation Relation(string grantee, string owner)
    {
        if (grantee == owner)
        {
            return AccountRelation.Own;
        }
        if (_platform.Contains(grantee))
        {
            return AccountRelation.Platform;
        }
        var granteeCustomer = CustomerOf(grantee);
        if (granteeCustomer is null)
        {
            return AccountRelation.Unknown;
        }
        return granteeCustomer == CustomerOf(owner) ? AccountRelation.SameCustomer : AccountRelation.OtherCustomer;
    }
}

using Bogus;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The tags of an account's resources: compliant, except that every <see cref="FaultEvery"/>th resource carries one
/// planted fault, the faults taken in turn so that every tagging rule fails several times.
/// </summary>
internal sealed class TagFactory(DemoLayout layout, DemoAccount account, Faker faker)
{
    /// <summary>About 3% of resources: several faults per rule and account, not so many that they drown the report.</summary>
    public const int FaultEvery = 29;

    private enum Fault { MissingOwner, WrongCustomer, MissingCostCentre, AbbreviatedEnvironment, EmptyOwner, MissingCustomer, CapitalisedOwnerKey, CapitalisedEnvironment, MissingEnvironment, NoTags, OwnerNotEmail, CostCentreFormat, SecretInTag }

    private static readonly Fault[] Faults = Enum.GetValues<Fault>();

    // Staggered per account, so that each account's faults land on different resource types and fault kinds.
    private long _ordinal = account.Index * 7L;
    private int _faults = account.Index * 3;

    /// <summary>The tags of the next resource; null-named resources get no Name tag.</summary>
    /// <param name="canBeUntagged">False for resources known only to the Tagging API, which lists tagged resources only.</param>
    public TagSet Next(string? name, string application, bool canBeUntagged = true)
    {
        var tags = Compliant(name, application);
        if (_ordinal++ % FaultEvery != 0)
        {
            return tags;
        }
        var fault = Faults[_faults++ % Faults.Length];
        if (fault == Fault.NoTags && !canBeUntagged)
        {
            fault = Fault.MissingOwner;
        }
        return fault switch
        {
            Fault.MissingOwner => tags.Remove("owner"),
            Fault.WrongCustomer => tags.Set("customer", OtherCustomer()),
            Fault.MissingCostCentre => tags.Remove("cost-centre"),
            Fault.AbbreviatedEnvironment => tags.Set("environment", DemoLayout.Short(account.Environment)),
            Fault.EmptyOwner => tags.Set("owner", ""),
            Fault.MissingCustomer => tags.Remove("customer"),
            Fault.CapitalisedOwnerKey => tags.Rename("owner", "Owner"),
            Fault.CapitalisedEnvironment => tags.Set("environment", char.ToUpperInvariant(account.Environment[0]) + account.Environment[1..]),
            Fault.MissingEnvironment => tags.Remove("environment"),
            Fault.OwnerNotEmail => tags.Set("owner", account.Team.Domain.Split('.')[0] + " team"),
            Fault.CostCentreFormat => tags.Set("cost-centre", tags["cost-centre"]!.Replace("CC-", "cc", StringComparison.Ordinal)),
            Fault.SecretInTag => tags.Set("db-password", faker.Internet.Password(16)),
            _ => new TagSet(),
        };
    }

    /// <summary>Tags that pass every tagging rule.</summary>
    public TagSet Compliant(string? name, string application)
    {
        var tags = new TagSet();
        if (name is not null)
        {
            tags.Set("Name", name);
        }
        return tags
            .Set("owner", faker.Pick(account.Team.Owners))
            .Set("customer", account.CustomerTag)
            .Set("environment", account.Environment)
            .Set("cost-centre", faker.Pick(account.Team.CostCentres))
            .Set("application", application);
    }

    /// <summary>A customer id that is not the owner's; on the platform account any customer (the rule skips it there).</summary>
    private string OtherCustomer() =>
        layout.Customers.First(c => c.Id != account.CustomerId).Id;
}

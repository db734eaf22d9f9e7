using Bogus;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The demo's network hub (docs/demo-estate.md): in each region the platform account's transit gateway, one VPC of each
/// account of the default estate attached to it, a route table per customer (its own attachments associated, the
/// platform's and its own propagated) and one for the platform (every attachment propagated). Planned from the layout
/// and the seed alone, before any account is generated, since a path crosses accounts generated in parallel.
/// The platform's VPN to its data centre is on a route table of its own that reaches the platform's VPC only.
/// Planted: a route table shared by two customers, a pair of stray static routes between two customers (whose security
/// groups and network ACLs also let the traffic through: an open path), a VPC numbered over another customer's, endpoint
/// services open to another customer; each beside a compliant look-alike (the shared route table's pair is closed by a
/// network ACL: a route-only path).
/// </summary>
internal sealed class DemoHub
{
    /// <summary>The region whose hub holds the shared route table and the endpoint services.</summary>
    public const string SharedTableRegion = "eu-west-1";

    /// <summary>The region whose hub holds the stray static routes.</summary>
    public const string StaticRouteRegion = "eu-central-1";

    /// <summary>What every attached VPC sends to the hub: the estate's private range.</summary>
    public const string HubBlock = "10.0.0.0/8";

    public sealed record Attachment(DemoAccount Account, string VpcId, int Octet, string AttachmentId, string TableId)
    {
        public string Cidr => DemoHub.Cidr(Octet);
    }

    /// <param name="Target">The attachment a static route sends to, or null for a blackhole.</param>
    public sealed record StaticRoute(string Cidr, string? Target);

    public sealed record Table(string Id, string Name, IReadOnlyList<string> Propagations, IReadOnlyList<StaticRoute> StaticRoutes);

    public sealed record Hub(string Region, string GatewayId, IReadOnlyList<Attachment> Attachments, IReadOnlyList<Table> Tables)
    {
        /// <summary>The platform's VPN to its data centre, on a route table of its own that routes to the platform's VPC only.</summary>
        public required Vpn DataCentre { get; init; }
    }

    /// <summary>A Site-to-Site VPN on the hub's gateway: the connection, its attachment and the route table it is associated with.</summary>
    public sealed record Vpn(string ConnectionId, string AttachmentId, string TableId);

    /// <param name="Why">Why it is planted as a violation, or null for a compliant one.</param>
    public sealed record Service(DemoAccount Owner, string Id, IReadOnlyList<string> Principals, string? Why);

    private DemoHub(DemoAccount platform, IReadOnlyList<Hub> hubs, IReadOnlyList<Service> services)
    {
        Platform = platform;
        Hubs = hubs;
        Services = services;
    }

    public DemoAccount Platform { get; }
    public IReadOnlyList<Hub> Hubs { get; }
    public IReadOnlyList<Service> Services { get; }

    public static string Cidr(int octet) => $"10.{octet}.0.0/16";

    /// <summary>The second octet of an account's first VPC when no plant renumbers it (NetworkGenerator numbers from it).</summary>
    public static int Octet(DemoAccount account) => (account.Index * 16) % 200;

    public Hub In(string region) => Hubs.Single(h => h.Region == region);

    /// <summary>The attachment of an account's first VPC in a region, or null when it is not attached.</summary>
    public Attachment? AttachmentOf(DemoAccount account, string region) => In(region).Attachments.FirstOrDefault(a => a.Account.Id == account.Id);

    public static DemoHub Plan(DemoLayout layout, int seed)
    {
        var random = new Randomizer(unchecked((seed * 7_919) + 104_729));
        // Only the default estate's accounts are attached: extra accounts reuse its numbering, and the gap has no VPC read.
        var attached = layout.Accounts.Where(a => !a.IsGap && a.Copy == 0).ToList();
        DemoAccount Named(string alias) => attached.Single(a => a.Alias == alias);
        int OctetOf(DemoAccount account) => account.Alias switch
        {
            "initech-stg" => Octet(Named("globex-prod")),   // planted: numbered over another customer's VPC
            "acme-dev" => Octet(Named("acme-sbx")),         // look-alike: an overlap within one customer
            _ => Octet(account),
        };

        var hubs = new List<Hub>();
        foreach (var region in DemoLayout.Regions)
        {
            var gateway = AwsIds.Ec2(random, "tgw");
            var tableIds = layout.Customers.Select(c => c.Id).Append(DemoLayout.PlatformTag).Append("shared")
                .ToDictionary(name => name, _ => AwsIds.Ec2(random, "tgw-rtb"), StringComparer.Ordinal);
            var shared = region == SharedTableRegion ? new[] { "globex-dev", "initech-dev" } : [];
            var attachments = attached.Select(a => new Attachment(a, AwsIds.Ec2(random, "vpc"), OctetOf(a), AwsIds.Ec2(random, "tgw-attach"),
                tableIds[shared.Contains(a.Alias) ? "shared" : a.CustomerTag])).ToList();
            Attachment Of(string alias) => attachments.Single(a => a.Account.Alias == alias);
            var platform = attachments.Single(a => a.Account.IsPlatform);

            var tables = new List<Table> { new(tableIds[DemoLayout.PlatformTag], "platform", [.. attachments.Select(a => a.AttachmentId)], []) };
            foreach (var customer in layout.Customers)
            {
                var routes = new List<StaticRoute>();
                if (region == StaticRouteRegion)
                {
                    // Planted: a route each way between acme-stg and globex-stg; look-alike: a blackhole to globex-dev.
                    routes.AddRange(customer.Id switch
                    {
                        "acme" => [new StaticRoute(Of("globex-stg").Cidr, Of("globex-stg").AttachmentId)],
                        "globex" => [new StaticRoute(Of("acme-stg").Cidr, Of("acme-stg").AttachmentId)],
                        _ => [new StaticRoute(Of("globex-dev").Cidr, null)],
                    });
                }
                else if (customer.Id == "acme")
                {
                    routes.Add(new StaticRoute(platform.Cidr, platform.AttachmentId));   // look-alike: a static route to the platform
                }
                tables.Add(new(tableIds[customer.Id], customer.Id,
                    [platform.AttachmentId, .. attachments.Where(a => a.Account.CustomerId == customer.Id).Select(a => a.AttachmentId)], routes));
            }
            if (shared.Length > 0)
            {
                tables.Add(new(tableIds["shared"], "shared", [platform.AttachmentId, .. shared.Select(s => Of(s).AttachmentId)], []));
            }
            // Look-alike of a path through the data centre: the VPN's table routes to the platform only, and no customer's
            // table routes to the VPN. Its ids follow the gateway's, drawing nothing from the seed (every later id stays).
            var vpn = new Vpn("vpn-0" + gateway[5..], "tgw-attach-0" + gateway[5..], "tgw-rtb-0" + gateway[5..]);
            tables.Add(new(vpn.TableId, "vpn", [platform.AttachmentId], []));
            hubs.Add(new Hub(region, gateway, attachments, tables) { DataCentre = vpn });
        }

        var services = new List<Service>
        {
            new(Named("acme-prod"), AwsIds.Ec2(random, "vpce-svc"), [Root(Named("globex-prod")), Root(Named("acme-stg"))],
                "the endpoint service of acme admits globex's account"),
            new(Named("initech-prod"), AwsIds.Ec2(random, "vpce-svc"), ["*"], "the endpoint service of initech admits every principal (*)"),
            new(Named("globex-prod"), AwsIds.Ec2(random, "vpce-svc"), [Root(Named("globex-stg")), Root(layout.Platform)], null),
            new(layout.Platform, AwsIds.Ec2(random, "vpce-svc"), [.. attached.Where(a => !a.IsPlatform && a.Environment == "production").Select(Root)], null),
        };
        return new DemoHub(layout.Platform, hubs, services);
    }

    /// <summary>
    /// Whether the default security group of the account's attached VPC admits the hub's block: both ends of the planted
    /// stray static routes (an open path), and both ends of the shared route table (closed by a network ACL instead).
    /// </summary>
    public bool AdmitsHub(DemoAccount account, string region) =>
        (region == StaticRouteRegion && account.Alias is "acme-stg" or "globex-stg")
        || (region == SharedTableRegion && account.Alias is "globex-dev" or "initech-dev");

    /// <summary>
    /// The blocks the network ACL of the account's attached VPC denies inbound before allowing everything: globex-dev
    /// denies initech-dev's, so the shared route table between them stays a route-only path (the look-alike of the open one).
    /// </summary>
    public IReadOnlyList<string> AclDenies(DemoAccount account, string region) =>
        region == SharedTableRegion && account.Alias == "globex-dev" && AttachmentOf(account, region) is not null
            ? [In(region).Attachments.Single(a => a.Account.Alias == "initech-dev").Cidr]
            : [];

    /// <summary>The planted network violations of an account in a region, judged on the resources it owns.</summary>
    public IEnumerable<(string RuleId, string Arn, string Why)> PlantedIn(DemoAccount account, string region)
    {
        string Arn(string resource) => $"arn:aws:ec2:{region}:{account.Id}:{resource}";
        var hub = In(region);
        if (account.IsPlatform)
        {
            yield return (RuleIds.OverlappingCidrs, Arn("transit-gateway/" + hub.GatewayId),
                "initech-stg's VPC is numbered over globex-prod's, and the platform's route table routes to both");
        }
        var mine = AttachmentOf(account, region);
        if (mine is not null && region == SharedTableRegion && account.Alias is "globex-dev" or "initech-dev")
        {
            yield return (RuleIds.RouteToForeignCustomer, Arn("vpc/" + mine.VpcId),
                "its attachment is associated with a transit gateway route table shared with another customer");
        }
        if (mine is not null && region == StaticRouteRegion && account.Alias is "acme-stg" or "globex-stg")
        {
            yield return (RuleIds.RouteToForeignCustomer, Arn("vpc/" + mine.VpcId),
                "stray static routes in both customers' transit gateway route tables join acme-stg and globex-stg");
            yield return (RuleIds.OpenPathToForeignCustomer, Arn("vpc/" + mine.VpcId),
                $"the stray static routes join acme-stg and globex-stg, the security groups at both ends admit {HubBlock} and the network ACLs allow everything: traffic flows");
        }
        foreach (var service in Services.Where(s => s.Why is not null && s.Owner.Id == account.Id && region == SharedTableRegion))
        {
            yield return (RuleIds.EndpointServiceForeign, Arn("vpc-endpoint-service/" + service.Id), service.Why!);
        }
    }

    private static string Root(DemoAccount account) => $"arn:aws:iam::{account.Id}:root";
}

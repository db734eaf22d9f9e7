using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>A snapshot's organizations/ files, as the AWS CLI prints them, read into the organisation model.</summary>
public sealed class OrganizationFilesTests
{
    private const string Management = "999999999999";
    private static readonly string[] Accounts = ["111111111111", "222222222222", "333333333333", "444444444444"];
    private static readonly Estate Estate = new([new Customer("acme", "Acme", Accounts)], [], ["eu-west-1"]);

    private static ServedOrganization Served()
    {
        var organization = ServedOrganization.Build(Management, Accounts);
        organization.AddPolicy("p-denyiamwrites", "DenyCriticalIamUserActions", ServedOrganization.ServiceControl,
            OrganizationExamples.DenyCriticalIamUserActions("arn:aws:iam::*:role/break-glass"));
        organization.Attach("ou-ab12-w0rkl0ad", "p-denyiamwrites");
        organization.AddPolicy("p-ouperimeter", "IntraOrganizationBoundary", ServedOrganization.ResourceControl,
            OrganizationExamples.IntraOrganizationBoundary(organization.OrganizationId, organization.RootId, "ou-ab12-cust0mer"));
        organization.Attach("ou-ab12-cust0mer", "p-ouperimeter");
        return organization;
    }

    private static OrganizationView Read(string directory) => SnapshotReader.Read(directory, Estate).Organization;

    [Fact]
    public void TheRootEveryOuEveryAccountsPathAndThePoliciesAttachedAtEachLevelAreRead()
    {
        using var directory = new TemporaryDirectory();
        Served().WriteSnapshot(directory.Path, Accounts.ToHashSet());

        var organization = Read(directory.Path).Organization!;

        Assert.Equal(("o-a1b2c3d4e5", Management), (organization.Id, organization.ManagementAccountId));
        Assert.Equal(Accounts.Append(Management).Order(StringComparer.Ordinal), organization.Accounts.Order(StringComparer.Ordinal));
        // ServedOrganization puts the first account under workloads, inside customers.
        var path = organization.PathOf(Accounts[0]);
        Assert.Equal(["r-ab12", "ou-ab12-cust0mer", "ou-ab12-w0rkl0ad", Accounts[0]], path.Select(t => t.Id));
        Assert.Equal("o-a1b2c3d4e5/r-ab12/ou-ab12-cust0mer/ou-ab12-w0rkl0ad/", organization.OrgPathOf(Accounts[0]));
        Assert.Equal(
            ["SCP FullAWSAccess (p-FullAWSAccess) attached to OU workloads (ou-ab12-w0rkl0ad)", "SCP DenyCriticalIamUserActions (p-denyiamwrites) attached to OU workloads (ou-ab12-w0rkl0ad)"],
            path[2].ServiceControlPolicies.Select(p => p.Name));
        Assert.Equal("RCP IntraOrganizationBoundary (p-ouperimeter) attached to OU customers (ou-ab12-cust0mer)", path[1].ResourceControlPolicies[1].Name);
        Assert.Single(path[3].ResourceControlPolicies);
    }

    [Fact]
    public void AnOuWhoseListIsMissingLeavesTheWholeOrganizationUnreadNamingTheFile()
    {
        using var directory = new TemporaryDirectory();
        Served().WriteSnapshot(directory.Path, Accounts.ToHashSet());
        File.Delete(SnapshotLayout.OrganizationAccounts(directory.Path, "ou-ab12-w0rkl0ad"));

        var view = Read(directory.Path);

        Assert.Null(view.Organization);
        Assert.Contains("list-accounts-for-parent", view.NotReadReason, StringComparison.Ordinal);
        Assert.Contains("is missing", view.NotReadReason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIdThatIsNotAnOrganizationsIdNeverNamesAFileOutsideTheSnapshot()
    {
        using var directory = new TemporaryDirectory();
        Served().WriteSnapshot(directory.Path, Accounts.ToHashSet());
        var units = SnapshotLayout.OrganizationalUnits(directory.Path, "r-ab12");
        File.WriteAllText(units, File.ReadAllText(units).Replace("ou-ab12-pl4tf0rm", "../../../etc", StringComparison.Ordinal));

        var view = Read(directory.Path);

        Assert.Null(view.Organization);
        Assert.Contains("'../../../etc' is not an AWS Organizations id", view.NotReadReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotWithoutOrganizationsFilesHasNoOrganizationAndNothingMissing()
    {
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(directory.Path, Accounts[0]));

        var view = Read(directory.Path);

        Assert.Same(OrganizationView.NotConfigured, view);
    }
}

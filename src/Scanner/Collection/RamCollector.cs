using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// AWS RAM in one region of one account: the shares the account owns, their resources and their principals, written as
/// <c>ram/REGION/COMMAND.json</c> once all three are read (half a picture could show a share shared with no one).
/// https://docs.aws.amazon.com/ram/latest/APIReference/API_GetResourceShares.html
/// </summary>
internal static class RamCollector
{
    public static async Task CollectAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken)
    {
        var shares = run.Clients.Ram.GetResourceSharesAsync(context, cancellationToken);
        var resources = run.Clients.Ram.ListResourcesAsync(context, cancellationToken);
        var principals = run.Clients.Ram.ListPrincipalsAsync(context, cancellationToken);
        await Task.WhenAll(shares, resources, principals);
        var account = run.AccountDirectory(context.AccountId);
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.RamFile(account, context.Region, SnapshotLayout.RamCommands.Shares), await shares, cancellationToken);
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.RamFile(account, context.Region, SnapshotLayout.RamCommands.Resources), await resources, cancellationToken);
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.RamFile(account, context.Region, SnapshotLayout.RamCommands.Principals), await principals, cancellationToken);
    }
}

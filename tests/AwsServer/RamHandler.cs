using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// AWS RAM's GetResourceShares, ListResources and ListPrincipals over REST-JSON: each a POST to its own path, the
/// input in the body, <c>resourceOwner</c> required, paged by <c>nextToken</c>; errors as <c>x-amzn-ErrorType</c>.
/// Only the owner's view (SELF) is served: what the account shares with others.
/// </summary>
internal sealed class RamHandler(ServedEstate estate, int maxPage)
{
    /// <summary>The operation a RAM path names, or null for a path RAM does not have.</summary>
    public static string? OperationOf(string path) => path switch
    {
        "/getresourceshares" => "GetResourceShares",
        "/listresources" => "ListResources",
        "/listprincipals" => "ListPrincipals",
        _ => null,
    };

    public Reply Handle(RequestScope scope)
    {
        var account = estate.Accounts.GetValueOrDefault(scope.Account);
        var (listName, served) = scope.Operation switch
        {
            "GetResourceShares" => ("resourceShares", account?.ResourceShares),
            "ListResources" => ("resources", account?.SharedResources),
            "ListPrincipals" => ("principals", account?.SharePrincipals),
            _ => ("", null),
        };
        if (listName.Length == 0)
        {
            return Reply.RestJsonError(404, "UnknownOperationException", $"unknown operation {scope.Operation}");
        }
        var owner = scope.Text("resourceOwner");
        if (owner is not ("SELF" or "OTHER-ACCOUNTS"))
        {
            return Reply.RestJsonError(400, "InvalidParameterException", "resourceOwner is required: SELF or OTHER-ACCOUNTS");
        }
        var size = scope.Int("maxResults", maxPage);
        if (size is < 1 or > 500)
        {
            return Reply.RestJsonError(400, "InvalidParameterException", "maxResults must be between 1 and 500");
        }
        var offset = PageToken.Read(scope.Text("nextToken"));
        if (offset is null)
        {
            return Reply.RestJsonError(400, "InvalidNextTokenException", "The specified value for nextToken is not valid.");
        }
        var all = owner == "SELF" && served is not null && served.TryGetValue(scope.Region, out var items) ? items : [];
        var (page, next) = PageToken.Slice(all, offset.Value, Math.Min(size, maxPage));
        var answer = new JsonObject { [listName] = new JsonArray(page.Select(i => i.DeepClone()).ToArray()) };
        if (next is not null)
        {
            answer["nextToken"] = next;
        }
        return Reply.RestJson(answer);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>IAM over the Query protocol (form POST, XML answers), version 2010-05-08, signed as <c>iam</c> in us-east-1.</summary>
internal sealed class IamClient(AwsProtocols protocols) : IIamClient
{
    private const string Version = "2010-05-08";

    /// <summary>The largest page GetAccountAuthorizationDetails allows.</summary>
    private const int PageSize = 1000;

    private static readonly string[] Lists = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];

    public async Task<JsonElement> GetAccountAuthorizationDetailsAsync(AwsContext context, CancellationToken cancellationToken)
    {
        var merged = Lists.ToDictionary(l => l, _ => new JsonArray());
        string? marker = null;
        do
        {
            var parameters = new List<KeyValuePair<string, string>> { new("MaxItems", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (marker is not null)
            {
                parameters.Add(new("Marker", marker));
            }
            var result = await protocols.QueryAsync(context, AwsService.Iam, "GetAccountAuthorizationDetails", Version, parameters, cancellationToken);
            var page = IamXml.ToJson(result);
            foreach (var list in Lists)
            {
                foreach (var entry in page[list] as JsonArray ?? [])
                {
                    merged[list].Add(entry?.DeepClone());
                }
            }
            // Paginated by IsTruncated and Marker. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
            marker = page["IsTruncated"]?.GetValue<bool>() == true ? page["Marker"]?.GetValue<string>() : null;
        }
        while (!string.IsNullOrEmpty(marker));
        var output = new JsonObject();
        foreach (var list in Lists)
        {
            output[list] = merged[list];
        }
        return JsonSerializer.SerializeToElement(output);
    }

    public async Task<string> GenerateCredentialReportAsync(AwsContext context, CancellationToken cancellationToken)
    {
        var result = await protocols.QueryAsync(context, AwsService.Iam, "GenerateCredentialReport", Version, [], cancellationToken);
        return result.Elements().FirstOrDefault(e => e.Name.LocalName == "State")?.Value ?? "";
    }

    public async Task<byte[]> GetCredentialReportAsync(AwsContext context, CancellationToken cancellationToken)
    {
        var result = await protocols.QueryAsync(context, AwsService.Iam, "GetCredentialReport", Version, [], cancellationToken);
        // Content is a blob: base64 in the XML. https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
        var content = result.Elements().FirstOrDefault(e => e.Name.LocalName == "Content")?.Value ?? "";
        return Convert.FromBase64String(content.Trim());
    }

    public async Task<string> GenerateServiceLastAccessedDetailsAsync(AwsContext context, string principalArn, CancellationToken cancellationToken)
    {
        var result = await protocols.QueryAsync(context, AwsService.Iam, "GenerateServiceLastAccessedDetails", Version, [new("Arn", principalArn)], cancellationToken);
        return result.Elements().FirstOrDefault(e => e.Name.LocalName == "JobId")?.Value
               ?? throw new InvalidDataException($"GenerateServiceLastAccessedDetails for {principalArn} returned no JobId");
    }

    public async Task<JsonElement> GetServiceLastAccessedDetailsAsync(AwsContext context, string jobId, CancellationToken cancellationToken)
    {
        var services = new JsonArray();
        JsonObject page;
        string? marker = null;
        do
        {
            var parameters = new List<KeyValuePair<string, string>> { new("JobId", jobId), new("MaxItems", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (marker is not null)
            {
                parameters.Add(new("Marker", marker));
            }
            var result = await protocols.QueryAsync(context, AwsService.Iam, "GetServiceLastAccessedDetails", Version, parameters, cancellationToken);
            page = IamXml.ToJson(result);
            foreach (var service in page["ServicesLastAccessed"] as JsonArray ?? [])
            {
                services.Add(service?.DeepClone());
            }
            // Paginated by IsTruncated and Marker. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
            marker = page["IsTruncated"]?.GetValue<bool>() == true ? page["Marker"]?.GetValue<string>() : null;
        }
        while (!string.IsNullOrEmpty(marker));
        // The last page's status and dates, every page's services; IsTruncated false, as the CLI prints a merged answer.
        page["ServicesLastAccessed"] = services;
        page["IsTruncated"] = false;
        page.Remove("Marker");
        return JsonSerializer.SerializeToElement(page);
    }
}

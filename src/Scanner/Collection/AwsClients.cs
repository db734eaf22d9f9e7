using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>The service clients a collection uses; each can be replaced by AWS's own SDK package behind its interface.</summary>
internal sealed record AwsClients(IConfigServiceClient Config, ITaggingClient Tagging, IIamClient Iam, IServiceQuotasClient Quotas, IOrganizationsClient Organizations, IRamClient Ram)
{
    public static AwsClients Over(AwsRequestSender sender)
    {
        var protocols = new AwsProtocols(sender);
        return new AwsClients(new ConfigServiceClient(protocols), new TaggingClient(protocols), new IamClient(protocols), new ServiceQuotasClient(protocols),
            new OrganizationsClient(protocols), new RamClient(protocols));
    }
}

using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>An account's IAM: what <c>get-account-authorization-details</c> and the credential report will say.</summary>
internal sealed class IamModel
{
    public List<IamPolicy> Policies { get; } = [];
    public List<IamGroup> Groups { get; } = [];
    public List<IamUser> Users { get; } = [];
    public List<IamRole> Roles { get; } = [];

    /// <summary>Execution roles the account's Lambda functions use.</summary>
    public List<IamRole> LambdaRoles { get; } = [];

    /// <summary>Roles with an instance profile of the same name, for the account's EC2 instances.</summary>
    public List<IamRole> InstanceRoles { get; } = [];

    public int Count => Policies.Count + Groups.Count + Users.Count + Roles.Count;
}

/// <summary>A customer managed policy; <see cref="PreviousDocument"/> is an older, non-default version (v1).</summary>
internal sealed record IamPolicy(string Name, string Arn, string Id, JsonObject Document, JsonObject? PreviousDocument, DateTimeOffset Created, TagSet Tags)
{
    public int AttachmentCount { get; set; }
}

/// <summary>An inline policy of a user, group or role.</summary>
internal sealed record IamInline(string Name, JsonObject Document);

internal sealed record IamGroup(string Name, string Arn, string Id, DateTimeOffset Created)
{
    public List<IamPolicy> Attached { get; } = [];
    public List<IamInline> Inline { get; } = [];
}

internal sealed record IamUser(string Name, string Arn, string Id, DateTimeOffset Created, TagSet Tags, IamCredentials Credentials)
{
    public List<IamGroup> Groups { get; } = [];
    public List<IamPolicy> Attached { get; } = [];
    public List<IamInline> Inline { get; } = [];
}

internal sealed record IamRole(string Name, string Arn, string Id, string Path, DateTimeOffset Created, JsonObject Trust, TagSet Tags)
{
    public List<IamPolicy> Attached { get; } = [];
    public List<IamInline> Inline { get; } = [];
    public bool HasInstanceProfile { get; set; }
    public DateTimeOffset? LastUsed { get; set; }
}

/// <summary>An access key as the credential report describes it.</summary>
internal sealed record IamAccessKey(bool Active, DateTimeOffset Rotated, DateTimeOffset? LastUsed, string? Region, string? Service);

/// <summary>A user's row of the credential report.</summary>
internal sealed record IamCredentials(bool Password, DateTimeOffset? PasswordLastUsed, DateTimeOffset? PasswordChanged, bool Mfa,
    IamAccessKey? Key1, IamAccessKey? Key2);

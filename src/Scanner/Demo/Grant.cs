namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>What a resource policy grants beyond its usual statements: a planted violation or a compliant look-alike.</summary>
internal enum Grant
{
    /// <summary>Only the usual statements (or no policy): compliant.</summary>
    Default,

    ForeignCustomer,
    UnknownAccount,
    Public,
    PublicOrgIdOnly,
    PublicSourceAccountForeign,
    OwnAndForeignRole,

    PublicSourceAccountOwn,
    SameCustomer,
    PlatformRole,
    ServicePrincipal,
    DenyForeign,
    PublicSourceArnOwn,
}

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Picks, for the n-th resource of a family (buckets, queues, topics) in an account, what its policy grants: every
/// <see cref="Every"/>th a violation, another every <see cref="Every"/>th a look-alike, each kind in turn.
/// </summary>
internal sealed class GrantSchedule(int offset)
{
    /// <summary>Several violations per family and account at the default size, the rest of the estate compliant.</summary>
    public const int Every = 11;

    private static readonly Grant[] Violations =
        [Grant.ForeignCustomer, Grant.UnknownAccount, Grant.Public, Grant.PublicOrgIdOnly, Grant.PublicSourceAccountForeign, Grant.OwnAndForeignRole];

    private static readonly Grant[] LookAlikes =
        [Grant.PublicSourceAccountOwn, Grant.SameCustomer, Grant.PlatformRole, Grant.ServicePrincipal, Grant.DenyForeign, Grant.PublicSourceArnOwn];

    private int _next;
    private int _violations = offset;
    private int _lookAlikes = offset;

    public Grant Next()
    {
        var slot = _next++ % Every;
        return slot switch
        {
            4 => Violations[_violations++ % Violations.Length],
            8 => LookAlikes[_lookAlikes++ % LookAlikes.Length],
            _ => Grant.Default,
        };
    }
}

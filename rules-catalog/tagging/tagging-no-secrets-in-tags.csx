// id: tagging-no-secrets-in-tags
// title: Resource tags hold no passwords, keys or tokens
// severity: high
// resource-types: *
// rationale: Tags are not secret: anyone with tag:GetResources, ViewOnlyAccess or SecurityAudit reads them, and they are copied into AWS Config history, CloudTrail, Cost and Usage Reports and every tool that inventories the estate. A credential in a tag is a leaked credential.
// remediation: Remove the tag (`aws resourcegroupstaggingapi untag-resources --resource-arn-list ARN --tag-keys KEY`), rotate the exposed credential at once (for an access key: `aws iam create-access-key`, switch, then `aws iam delete-access-key`), and keep the secret in AWS Secrets Manager, tagging the resource with the secret's ARN if it must point to it. Key words can be tuned in guardrails.yaml (rules: tagging-no-secrets-in-tags: keyWords).
// references: https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids, https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html
// param: keyWords (strings) = password, passwd, secret, token, apikey, accesskey, privatekey, connectionstring: a tag whose key holds one of these words (case, dashes and underscores ignored) is judged to hold a secret

using System.Collections.Immutable;

// Judged on every resource: most texts are squashed already (lowercase ASCII letters and digits only), and are
// recognised without a copy or a step per character: nothing outside '0'..'z', and nothing in ':'..'`' between them.
string Squash(string text)
{
    if (!text.AsSpan().ContainsAnyExceptInRange('0', 'z') && !text.AsSpan().ContainsAnyInRange(':', '`'))
    {
        return text;
    }
    var squashed = new char[text.Length];
    var length = 0;
    foreach (var c in text)
    {
        if (char.IsAsciiLetterOrDigit(c))
        {
            squashed[length++] = char.ToLowerInvariant(c);
        }
    }
    return new string(squashed, 0, length);
}
var words = Params.Strings("keyWords");
// One pattern, one pass per text; the group that matched names the kind of secret.
const string Secrets = @"(?<accessKey>\b(AKIA|ASIA)[0-9A-Z]{16}\b)|(?<privateKey>-----BEGIN [A-Z ]*PRIVATE KEY)|(?<gitHub>\bgh[pousr]_[A-Za-z0-9]{36})"
                       + @"|(?<slack>\bxox[abprs]-[A-Za-z0-9-]{10,})|(?<jwt>\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.)";
// The engine refuses a Regex without a match timeout (docs/sandbox.md) and caps it at the rule's budget; these
// patterns are linear, and a shorter timeout turned a GC pause on a loaded machine into an Error.
var matchTimeout = TimeSpan.FromSeconds(1);
// Every secret above holds one of these: a text without any is not matched at all (most tags, and far cheaper).
bool MayHoldSecret(string text) =>
    text.Contains("AKIA") || text.Contains("ASIA") || text.Contains("-----BEGIN") || text.Contains("xox") || text.Contains("eyJ")
    || (text.Contains("gh") && text.Contains('_'));
string? SecretIn(string text)
{
    // The shortest of these secrets (a Slack token) is 15 characters long.
    if (text.Length < 15 || !MayHoldSecret(text))
    {
        return null;
    }
    var match = Regex.Match(text, Secrets, RegexOptions.None, matchTimeout);
    return !match.Success ? null
        : match.Groups["accessKey"].Success ? "an AWS access key id"
        : match.Groups["privateKey"].Success ? "a private key"
        : match.Groups["gitHub"].Success ? "a GitHub token"
        : match.Groups["slack"].Success ? "a Slack token"
        : "a JSON web token";
}
// The key words squashed as keys are, once per resource rather than once per tag, as an array whose length and items are
// read without an interface call (every word is tried on every tag of every resource): the words themselves when they are
// one already and every one is squashed (the defaults are), so that nothing is made then.
ImmutableArray<string> SquashedWords()
{
    if (words is ImmutableArray<string> given)
    {
        var squashedAlready = true;
        for (var i = 0; i < given.Length && squashedAlready; i++)
        {
            squashedAlready = ReferenceEquals(Squash(given[i]), given[i]);
        }
        if (squashedAlready)
        {
            return given;
        }
    }
    var squashedWords = ImmutableArray.CreateBuilder<string>(words.Count);
    for (var j = 0; j < words.Count; j++)
    {
        squashedWords.Add(Squash(words[j]));
    }
    return squashedWords.MoveToImmutable();
}
ImmutableArray<string> squashedWords = default;
// The first key word the squashed key holds, squashed as the key is; null when it holds none.
string? WordIn(string squashed)
{
    if (squashedWords.IsDefault)
    {
        squashedWords = SquashedWords();
    }
    for (var i = 0; i < squashedWords.Length; i++)
    {
        if (squashed.Contains(squashedWords[i], StringComparison.Ordinal))
        {
            return squashedWords[i];
        }
    }
    return null;
}
// Made only for a resource with a finding: most have none.
List<(string Key, string Fault)>? findings = null;
foreach (var (key, value) in Resource.Tags)
{
    // aws: tags are AWS's own (e.g. aws:secretsmanager:owningService on an RDS-managed secret), not user data.
    if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
    {
        continue;
    }
    if ((SecretIn(key) ?? SecretIn(value)) is { } kind)
    {
        (findings ??= []).Add((key, $"holds {kind}"));
    }
    else if (WordIn(Squash(key)) is { } word && value.Trim().Length > 0 && !Arn.TryParse(value, out _))
    {
        (findings ??= []).Add((key, $"is named like a secret ('{word}') and has a value that is not an ARN"));
    }
}
// Neither the message nor the evidence repeats a tag's value: it would copy the secret into every report.
return findings is null
    ? Pass($"{Resource} has no tag that looks like a secret")
    : Fail($"{Resource}: {string.Join("; ", findings.Select(f => $"tag '{f.Key}' {f.Fault}"))}; remove the tag, rotate the credential, and keep it in AWS Secrets Manager (tag the secret's ARN instead)", Evidence.Value("secretTags", findings.Select(f => f.Key)));

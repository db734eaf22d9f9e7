namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Globs in which a literal <c>*</c> or <c>?</c> (from a request value or from <c>${*}</c>) is kept apart from
/// the wildcards by encoding it as a private-use character; request values go through <see cref="Literal"/>
/// too, so an encoded character meets only its own kind.
/// </summary>
internal static class Glob
{
    public const char LiteralStar = '\uE000';
    public const char LiteralQuestion = '\uE001';

    /// <summary>A request value in glob form: its own <c>*</c> and <c>?</c> are plain characters.</summary>
    public static string Literal(string value) =>
        value.AsSpan().IndexOfAny('*', '?') < 0 ? value : value.Replace('*', LiteralStar).Replace('?', LiteralQuestion);

    /// <summary>Back from glob form to the text: what an equality operator compares, where <c>*</c> is a character.</summary>
    public static string Text(string globForm) =>
        globForm.AsSpan().IndexOfAny(LiteralStar, LiteralQuestion) < 0 ? globForm : globForm.Replace(LiteralStar, '*').Replace(LiteralQuestion, '?');
}

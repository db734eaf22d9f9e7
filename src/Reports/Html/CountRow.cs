namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// One line of an overview table. <see cref="Filter"/> and <see cref="FilterIndex"/> name the
/// findings filter that clicking the line sets (an index into the data's string table).
/// </summary>
internal sealed record CountRow(string Label, string Detail, string Filter, int FilterIndex, VerdictCounts Counts);

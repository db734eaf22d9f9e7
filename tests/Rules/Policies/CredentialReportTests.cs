using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class CredentialReportTests
{
    private static readonly JsonElement Row = JsonDocument.Parse(
        """{"access_key_1_last_used_date": "2026-10-01T08:30:00+00:00", "access_key_2_last_used_date": "N/A", "password_last_used": "no_information", "access_key_1_last_rotated": "2026-09-01T00:00:00Z"}""").RootElement;

    [Theory]
    [InlineData("access_key_1_last_used_date", "2026-10-01T08:30:00+00:00")]
    [InlineData("access_key_1_last_rotated", "2026-09-01T00:00:00+00:00")]
    public void ADateColumnIsReadAsUtc(string column, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), CredentialReport.Date(Row, column));

    [Theory]
    [InlineData("access_key_2_last_used_date")]
    [InlineData("password_last_used")]
    [InlineData("cert_1_last_rotated")]
    public void AwsNoDateWordsAndMissingColumnsAreNoDate(string column) => Assert.Null(CredentialReport.Date(Row, column));
}

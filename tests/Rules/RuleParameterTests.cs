using System.Text.Json;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Tests.Rules;

public sealed class RuleParameterTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void ADeclarationGivesTheNameTypeRangeDefaultAndMeaning()
    {
        var (parameter, error) = RuleParameter.Parse("failAt (number, 0.01 to 1) = 0.8: usage at or above this share fails");

        Assert.Null(error);
        Assert.Equal("failAt", parameter!.Name);
        Assert.Equal(RuleParameterType.Number, parameter.Type);
        Assert.Equal((0.01, 1.0), (parameter.Minimum, parameter.Maximum));
        Assert.Equal(0.8, parameter.Default.GetDouble());
        Assert.Equal("usage at or above this share fails", parameter.Meaning);
        Assert.Equal("number, 0.01 to 1", parameter.Kind);
        Assert.Null(parameter.Owner);
    }

    [Fact]
    public void AListDefaultIsCommaSeparatedAndNoneIsEmpty()
    {
        var tags = RuleParameter.Parse("tags (strings) = owner, customer: the keys").Parameter!;
        var domains = RuleParameter.Parse("domains (strings) = none: the domains").Parameter!;

        Assert.Equal(["owner", "customer"], tags.Default.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("owner, customer", tags.DefaultText);
        Assert.Equal(0, domains.Default.GetArrayLength());
        Assert.Equal("none", domains.DefaultText);
    }

    [Fact]
    public void ASharedParameterNamesItsOwner()
    {
        var parameter = RuleParameter.Parse("failAt from quotas-headroom").Parameter!;

        Assert.Equal(("failAt", "quotas-headroom"), (parameter.Name, parameter.Owner));
    }

    [Theory]
    [InlineData("failAt = 0.8: no type", "must read 'param: NAME (TYPE[, MIN to MAX]) = DEFAULT: MEANING'")]
    [InlineData("failAt (percentage) = 0.8: x", "type 'percentage' is not one of number, integer, boolean, string, regex, strings, numbers")]
    [InlineData("failAt (number, 1 to 0) = 0.8: x", "the range '1 to 0' must be 'MIN to MAX'")]
    [InlineData("names (strings, 1 to 2) = a: x", "must be 'MIN to MAX', numbers with MIN ≤ MAX, on a number or integer")]
    [InlineData("failAt (number, 0.01 to 1) = 1.5: x", "the default '1.5' must be between 0.01 and 1 (was 1.5)")]
    [InlineData("max (integer) = 4.5: x", "the default '4.5' must be a whole number")]
    [InlineData("pattern (regex) = ^(CC: x", "is not a valid regular expression")]
    public void AMalformedDeclarationSaysWhatIsWrong(string text, string expected)
    {
        var (parameter, error) = RuleParameter.Parse(text);

        Assert.Null(parameter);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("0.9", null)]
    [InlineData("\"0.9\"", null)]
    [InlineData("1.5", "must be between 0.01 and 1 (was 1.5)")]
    [InlineData("0", "must be between 0.01 and 1 (was 0)")]
    [InlineData("\"high\"", "must be a number (was the string 'high')")]
    [InlineData("[0.9]", "must be a number (was a list)")]
    [InlineData("true", "must be a number (was true)")]
    public void AValueIsCheckedForItsTypeAndRange(string json, string? expected)
    {
        var failAt = RuleParameter.Parse("failAt (number, 0.01 to 1) = 0.8: share").Parameter!;

        Assert.Equal(expected, failAt.Check(Json(json)));
    }

    [Theory]
    [InlineData("strings", "[\"a\", \"b\"]", null)]
    [InlineData("strings", "\"a\"", null)]
    [InlineData("strings", "[\"a\", 1]", "must be a list of strings (was a list)")]
    [InlineData("boolean", "\"yes\"", "must be true or false (was the string 'yes')")]
    [InlineData("numbers", "{\"L-1\": 5, \"L-2\": \"7\"}", null)]
    [InlineData("numbers", "{\"L-1\": \"many\"}", "must be a mapping of names to numbers (was a mapping)")]
    [InlineData("regex", "\"^CC-[0-9]{4}$\"", null)]
    [InlineData("regex", "\"^(CC\"", "is not a valid regular expression")]
    public void EachTypeAcceptsItsValuesOnly(string type, string json, string? expected)
    {
        var defaultText = type switch { "strings" => "a", "boolean" => "true", "numbers" => "none", _ => "x" };
        var parameter = RuleParameter.Parse($"p ({type}) = {defaultText}: meaning").Parameter!;

        var problem = parameter.Check(Json(json));

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem);
        }
    }

    [Fact]
    public void ARuleSeesTheValueSetElseTheDeclaredDefaultAndNothingUndeclared()
    {
        var declared = new[]
        {
            RuleParameter.Parse("failAt (number, 0.01 to 1) = 0.8: share").Parameter!,
            RuleParameter.Parse("warnAt (number, 0.01 to 1) = 0.6: share").Parameter!,
            RuleParameter.Parse("tags (strings) = owner: keys").Parameter! with { Owner = "tagging-required-tags" },
        };
        var set = new Dictionary<string, RuleParams>
        {
            ["quotas-headroom-warning"] = RuleParams.FromJson("""{"warnAt": 0.5}"""),
            ["tagging-required-tags"] = RuleParams.FromJson("""{"tags": ["team"]}"""),
        };

        var parameters = RuleParams.For(declared, id => set.GetValueOrDefault(id) ?? RuleParams.Empty, "quotas-headroom-warning");

        Assert.Equal(0.8, parameters.Number("failAt"));
        Assert.Equal(0.5, parameters.Number("warnAt"));
        Assert.Equal(["team"], parameters.Strings("tags"));
        var undeclared = Assert.Throws<KeyNotFoundException>(() => parameters.Number("horizonDays"));
        Assert.Contains("does not declare it", undeclared.Message);
    }
}

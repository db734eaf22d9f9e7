using System.Globalization;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>The benchmark's options (<c>--name value</c>); the defaults are issue 19's: 300 accounts x 2 regions, 40 ms, AWS's default limits.</summary>
internal sealed record BenchmarkOptions
{
    private static readonly string[] KnownRegions = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    public int Accounts { get; init; } = 300;
    public string[] Regions { get; init; } = KnownRegions[..2];
    public int Resources { get; init; } = 300;
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(40);
    public double Rate { get; init; } = AwsSettings.DefaultRequestsPerSecond;
    public int Burst { get; init; } = AwsSettings.DefaultBurst;
    public double StsRate { get; init; } = AwsSettings.DefaultStsRequestsPerSecond;
    public double Churn { get; init; } = 0.01;
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(0.5);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i].TrimStart('-') switch
            {
                "accounts" => options with { Accounts = (int)value },
                "regions" => options with { Regions = KnownRegions[..(int)value] },
                "resources" => options with { Resources = (int)value },
                "latency" => options with { Latency = TimeSpan.FromMilliseconds(value) },
                "rate" => options with { Rate = value },
                "burst" => options with { Burst = (int)value },
                "sts-rate" => options with { StsRate = value },
                "churn" => options with { Churn = value },
                "poll" => options with { Poll = TimeSpan.FromSeconds(value) },
                var other => throw new ArgumentException($"unknown option --{other}"),
            };
        }
        return options;
    }

    /// <summary>The same options as arguments, for the server process.</summary>
    public IEnumerable<string> ToArguments() =>
    [
        "--accounts", Accounts.ToString(CultureInfo.InvariantCulture), "--regions", Regions.Length.ToString(CultureInfo.InvariantCulture),
        "--resources", Resources.ToString(CultureInfo.InvariantCulture), "--latency", Latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
        "--rate", Rate.ToString(CultureInfo.InvariantCulture), "--burst", Burst.ToString(CultureInfo.InvariantCulture),
        "--sts-rate", StsRate.ToString(CultureInfo.InvariantCulture),
    ];
}

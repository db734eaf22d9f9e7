using System.CommandLine;
using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>--profile</c> and <c>--region</c> as the AWS CLI has them, for the verbs that reach AWS (collect, live scan, serve and worker).</summary>
internal sealed class AwsCommandOptions
{
    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "Live AWS: the named profile of the shared AWS config and credentials files (~/.aws/config, ~/.aws/credentials, or " +
                      "AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE) whose credentials call STS and assume the audit role, whatever " +
                      "the environment holds. Default: as the AWS CLI: the environment's keys, then AWS_PROFILE, the default profile, SSO, container or instance role",
        HelpName = "NAME",
    };

    public Option<string?> Region { get; }

    /// <param name="regionAlso">What else the verb's --region sets, said in its help.</param>
    public AwsCommandOptions(string regionAlso = "")
    {
        Region = new("--region")
        {
            Description = "Live AWS: the home region, where STS is called (the accounts are read in the estate's regions). " +
                          "Default: as the AWS CLI: AWS_REGION, AWS_DEFAULT_REGION, the profile's region; else the estate's first region" + regionAlso,
            HelpName = "REGION",
        };
        Region.Validators.Add(r =>
        {
            if (r.Tokens.Select(t => t.Value).FirstOrDefault(v => !AwsCallerResolver.IsRegionName(v)) is { } wrong)
            {
                r.AddError($"--region '{wrong}' is not the name of an AWS region (such as eu-west-1)");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Region);
    }

    public AwsCallerOptions Read(ParseResult parse) => new() { Profile = parse.GetValue(Profile), Region = parse.GetValue(Region) };
}

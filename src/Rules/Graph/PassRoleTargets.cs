namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// The services a role can be passed to that then run code the caller supplies with the role's
/// credentials, and the calls that do it (from Rhino Security Labs' methods and pathfinding.cloud's
/// paths, as <see cref="Policies.PrivilegeEscalation"/> lists them). A row is one way: every action of it
/// is needed, beside <c>iam:PassRole</c> on the role.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
/// </summary>
internal static class PassRoleTargets
{
    public sealed record Way(string Service, string[] Actions);

    public static readonly IReadOnlyList<Way> All = Frozen.List<Way>(
    [
        new("ec2.amazonaws.com", ["ec2:RunInstances"]),
        new("lambda.amazonaws.com", ["lambda:CreateFunction", "lambda:InvokeFunction"]),
        new("lambda.amazonaws.com", ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"]),
        new("glue.amazonaws.com", ["glue:CreateDevEndpoint"]),
        new("glue.amazonaws.com", ["glue:CreateJob", "glue:StartJobRun"]),
        new("cloudformation.amazonaws.com", ["cloudformation:CreateStack"]),
        new("ecs-tasks.amazonaws.com", ["ecs:RegisterTaskDefinition", "ecs:RunTask"]),
        new("codebuild.amazonaws.com", ["codebuild:CreateProject", "codebuild:StartBuild"]),
        new("sagemaker.amazonaws.com", ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"]),
        new("sagemaker.amazonaws.com", ["sagemaker:CreateTrainingJob"]),
        new("sagemaker.amazonaws.com", ["sagemaker:CreateProcessingJob"]),
        new("datapipeline.amazonaws.com", ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"]),
        new("tasks.apprunner.amazonaws.com", ["apprunner:CreateService"]),
    ]);
}

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The privilege-escalation methods we look for, as data. Two public catalogues, transcribed:
/// every method of Rhino Security Labs' list (permissions marked "possibly" left out), from
/// https://github.com/RhinoSecurityLabs/AWS-IAM-Privilege-Escalation, and every path of
/// https://pathfinding.cloud (DataDog) that one principal's identity policies can express. Left out:
/// sts-001 (sts:AssumeRole alone), which escalates only through another role's trust policy, a fact
/// about the target and not about the principal.
/// </summary>
internal static class EscalationMethodTable
{
    public const string Rhino = "Rhino Security Labs";
    public const string Pathfinding = "pathfinding.cloud";

    public static readonly IReadOnlyList<EscalationMethod> All = Frozen.List<EscalationMethod>(
    [
        RhinoMethod(1, "Creating a new policy version", "iam:CreatePolicyVersion"),
        RhinoMethod(2, "Setting the default policy version to an existing version", "iam:SetDefaultPolicyVersion"),
        RhinoMethod(3, "Creating an EC2 instance with an existing instance profile", "iam:PassRole", "ec2:RunInstances"),
        RhinoMethod(4, "Creating a new user access key", "iam:CreateAccessKey"),
        RhinoMethod(5, "Creating a new login profile", "iam:CreateLoginProfile"),
        RhinoMethod(6, "Updating an existing login profile", "iam:UpdateLoginProfile"),
        RhinoMethod(7, "Attaching a policy to a user", "iam:AttachUserPolicy"),
        RhinoMethod(8, "Attaching a policy to a group", "iam:AttachGroupPolicy"),
        RhinoMethod(9, "Attaching a policy to a role", "iam:AttachRolePolicy"),
        RhinoMethod(10, "Creating/updating an inline policy for a user", "iam:PutUserPolicy"),
        RhinoMethod(11, "Creating/updating an inline policy for a group", "iam:PutGroupPolicy"),
        RhinoMethod(12, "Creating/updating an inline policy for a role", "iam:PutRolePolicy"),
        RhinoMethod(13, "Adding a user to a group", "iam:AddUserToGroup"),
        RhinoMethod(14, "Updating the AssumeRolePolicyDocument of a role", "iam:UpdateAssumeRolePolicy", "sts:AssumeRole"),
        RhinoMethod(15, "Passing a role to a new Lambda function, then invoking it", "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
        RhinoMethod(16, "Passing a role to a new Lambda function, then invoking it cross-account", "iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"),
        RhinoMethod(17, "Passing a role to a new Lambda function, then triggering it with DynamoDB", "iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"),
        RhinoMethod(18, "Updating the code of an existing Lambda function", "lambda:UpdateFunctionCode"),
        RhinoMethod(19, "Passing a role to a Glue Development Endpoint", "iam:PassRole", "glue:CreateDevEndpoint"),
        RhinoMethod(20, "Updating an existing Glue Dev Endpoint", "glue:UpdateDevEndpoint"),
        RhinoMethod(21, "Passing a role to CloudFormation", "iam:PassRole", "cloudformation:CreateStack"),
        RhinoMethod(22, "Passing a role to Data Pipeline", "iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"),
        RhinoMethod(23, "Creating a CodeStar project from a template", "codestar:CreateProjectFromTemplate"),
        RhinoMethod(24, "Passing a role to a new CodeStar project", "codestar:CreateProject", "iam:PassRole"),
        RhinoMethod(25, "Creating a new CodeStar project and associating a team member", "codestar:CreateProject", "codestar:AssociateTeamMember"),
        RhinoMethod(26, "Adding a malicious Lambda layer to an existing Lambda function", "lambda:UpdateFunctionConfiguration"),
        RhinoMethod(27, "Passing a role to a new SageMaker Jupyter notebook", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl", "iam:PassRole"),
        RhinoMethod(28, "Gaining access to an existing SageMaker Jupyter notebook", "sagemaker:CreatePresignedNotebookInstanceUrl"),
        PathfindingPath("apprunner-001", "new-passrole", "iam:PassRole", "apprunner:CreateService"),
        PathfindingPath("apprunner-002", "existing-passrole", "apprunner:UpdateService"),
        PathfindingPath("bedrock-001", "new-passrole", "iam:PassRole", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"),
        PathfindingPath("bedrock-002", "existing-passrole", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"),
        PathfindingPath("cloudformation-001", "new-passrole", "iam:PassRole", "cloudformation:CreateStack"),
        PathfindingPath("cloudformation-002", "existing-passrole", "cloudformation:UpdateStack"),
        PathfindingPath("cloudformation-003", "new-passrole", "iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"),
        PathfindingPath("cloudformation-004", "new-passrole", "iam:PassRole", "cloudformation:UpdateStackSet"),
        PathfindingPath("cloudformation-005", "new-passrole", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"),
        PathfindingPath("codebuild-001", "new-passrole", "iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"),
        PathfindingPath("codebuild-002", "existing-passrole", "codebuild:StartBuild"),
        PathfindingPath("codebuild-003", "existing-passrole", "codebuild:StartBuildBatch"),
        PathfindingPath("codebuild-004", "new-passrole", "iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"),
        PathfindingPath("datapipeline-001", "new-passrole", "iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"),
        PathfindingPath("ec2instanceconnect-003", "existing-passrole", "ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances"),
        PathfindingPath("ec2-001", "new-passrole", "iam:PassRole", "ec2:RunInstances"),
        PathfindingPath("ec2-002", "existing-passrole", "ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"),
        PathfindingPath("ec2-003", "new-passrole", "iam:PassRole", "ec2:RequestSpotInstances"),
        PathfindingPath("ec2-004", "existing-passrole", "ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"),
        PathfindingPath("ecs-001", "new-passrole", "iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService"),
        PathfindingPath("ecs-002", "new-passrole", "iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:RunTask"),
        PathfindingPath("ecs-003", "new-passrole", "iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"),
        PathfindingPath("ecs-004", "new-passrole", "iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"),
        PathfindingPath("ecs-005", "new-passrole", "iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"),
        PathfindingPath("glue-001", "new-passrole", "iam:PassRole", "glue:CreateDevEndpoint"),
        PathfindingPath("glue-002", "existing-passrole", "glue:UpdateDevEndpoint"),
        PathfindingPath("glue-003", "new-passrole", "iam:PassRole", "glue:CreateJob", "glue:StartJobRun"),
        PathfindingPath("glue-004", "new-passrole", "iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"),
        PathfindingPath("glue-005", "new-passrole", "iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"),
        PathfindingPath("glue-006", "new-passrole", "iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"),
        PathfindingPath("iam-001", "self-escalation", "iam:CreatePolicyVersion"),
        PathfindingPath("iam-002", "principal-access", "iam:CreateAccessKey"),
        PathfindingPath("iam-003", "principal-access", "iam:CreateAccessKey", "iam:DeleteAccessKey"),
        PathfindingPath("iam-004", "principal-access", "iam:CreateLoginProfile"),
        PathfindingPath("iam-005", "self-escalation", "iam:PutRolePolicy"),
        PathfindingPath("iam-006", "principal-access", "iam:UpdateLoginProfile"),
        PathfindingPath("iam-007", "self-escalation", "iam:PutUserPolicy"),
        PathfindingPath("iam-008", "self-escalation", "iam:AttachUserPolicy"),
        PathfindingPath("iam-009", "self-escalation", "iam:AttachRolePolicy"),
        PathfindingPath("iam-010", "self-escalation", "iam:AttachGroupPolicy"),
        PathfindingPath("iam-011", "self-escalation", "iam:PutGroupPolicy"),
        PathfindingPath("iam-012", "principal-access", "iam:UpdateAssumeRolePolicy"),
        PathfindingPath("iam-013", "self-escalation", "iam:AddUserToGroup"),
        PathfindingPath("iam-014", "principal-access", "iam:AttachRolePolicy", "sts:AssumeRole"),
        PathfindingPath("iam-015", "principal-access", "iam:AttachUserPolicy", "iam:CreateAccessKey"),
        PathfindingPath("iam-016", "principal-access", "iam:CreatePolicyVersion", "sts:AssumeRole"),
        PathfindingPath("iam-017", "principal-access", "iam:PutRolePolicy", "sts:AssumeRole"),
        PathfindingPath("iam-018", "principal-access", "iam:PutUserPolicy", "iam:CreateAccessKey"),
        PathfindingPath("iam-019", "principal-access", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"),
        PathfindingPath("iam-020", "principal-access", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"),
        PathfindingPath("iam-021", "principal-access", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"),
        PathfindingPath("lambda-001", "new-passrole", "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"),
        PathfindingPath("lambda-002", "new-passrole", "iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"),
        PathfindingPath("lambda-003", "existing-passrole", "lambda:UpdateFunctionCode"),
        PathfindingPath("lambda-004", "existing-passrole", "lambda:UpdateFunctionCode", "lambda:InvokeFunction"),
        PathfindingPath("lambda-005", "existing-passrole", "lambda:UpdateFunctionCode", "lambda:AddPermission"),
        PathfindingPath("lambda-006", "new-passrole", "iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"),
        PathfindingPath("sagemaker-001", "new-passrole", "iam:PassRole", "sagemaker:CreateNotebookInstance"),
        PathfindingPath("sagemaker-002", "new-passrole", "iam:PassRole", "sagemaker:CreateTrainingJob"),
        PathfindingPath("sagemaker-003", "new-passrole", "iam:PassRole", "sagemaker:CreateProcessingJob"),
        PathfindingPath("sagemaker-004", "existing-passrole", "sagemaker:CreatePresignedNotebookInstanceUrl"),
        PathfindingPath("sagemaker-005", "existing-passrole", "sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance"),
        PathfindingPath("ssm-001", "existing-passrole", "ssm:StartSession"),
        PathfindingPath("ssm-002", "existing-passrole", "ssm:SendCommand"),
    ]);

    private static EscalationMethod RhinoMethod(int number, string title, params string[] permissions) =>
        new($"rhino-{number}", title, $"{Rhino} #{number}", permissions);

    private static EscalationMethod PathfindingPath(string id, string category, params string[] permissions) =>
        new(id, $"{category} path", $"{Pathfinding} {id}", permissions);
}

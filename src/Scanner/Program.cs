using Ocado.Guardrails.Scanner.Cli;

return await GuardrailsCommand.Create().Parse(args).InvokeAsync();

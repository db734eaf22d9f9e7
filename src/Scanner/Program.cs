using Ocado.Guardrails.Scanner.Cli;

return await GuardrailsCommand.RunAsync(args, Console.Error);

using Hangfire.Logging;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static, which an in-process serve host points at its own
/// logger factory and leaves pointing there, disposed, when it stops. Tests that use Hangfire in
/// this process run one at a time (this collection) and reset the provider before touching storage.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireStatics
{
    public const string Name = "Hangfire statics";

    public static void Quiet() => LogProvider.SetCurrentLogProvider(new SilentLogProvider());

    private sealed class SilentLogProvider : ILogProvider
    {
        public ILog GetLogger(string name) => new SilentLog();
    }

    private sealed class SilentLog : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

using System.Runtime.InteropServices;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// The CPU time the calling thread has used, in milliseconds: what a rule's time budget is charged in, so that a
/// worker shared with other jobs does not turn an honest rule's wait for a core into an Error. A system call
/// (about a microsecond), so <see cref="RuleGuard"/> reads it only when the wall clock says the budget may be spent.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int LinuxThreadCpuClock = 3;   // CLOCK_THREAD_CPUTIME_ID in <time.h> on Linux
    private const int MacThreadCpuClock = 16;    // CLOCK_THREAD_CPUTIME_ID in <time.h> on macOS

    private static volatile bool _unavailable = !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsWindows());

    /// <summary>Whether <see cref="Milliseconds"/> gives the thread's CPU time here (until a call has failed, assumed where the platform has one).</summary>
    public static bool Available => !_unavailable;

    /// <summary>This thread's CPU time in milliseconds, or null where the platform does not tell (then the wall clock decides).</summary>
    public static long? Milliseconds() => Now() is { } now ? now.Ticks / TimeSpan.TicksPerMillisecond : null;

    /// <summary>This thread's CPU time (to a tenth of a microsecond where the platform gives that), or null where it does not tell.</summary>
    public static TimeSpan? Now()
    {
        if (_unavailable)
        {
            return null;
        }
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // Kernel and user time in 100 ns units, a TimeSpan's ticks.
                return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user) ? TimeSpan.FromTicks(kernel + user) : null;
            }
            var clock = OperatingSystem.IsMacOS() ? MacThreadCpuClock : LinuxThreadCpuClock;
            return clock_gettime(clock, out var time) == 0 ? TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100)) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [LibraryImport("kernel32")]
    private static partial nint GetCurrentThread();

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(nint thread, out long creation, out long exit, out long kernel, out long user);
}

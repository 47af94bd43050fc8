using System.Runtime.InteropServices;

namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>
/// SIGTERM for a child process, so the silo shuts down as under a process supervisor (leaves the
/// cluster, releases its leases); .NET only offers SIGKILL (<see cref="Process.Kill(bool)"/>).
/// </summary>
internal static class Signals
{
    private const int SigTerm = 15;

    public static bool TryTerminate(Process process) =>
        !OperatingSystem.IsWindows() && SendSignal(process.Id, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}

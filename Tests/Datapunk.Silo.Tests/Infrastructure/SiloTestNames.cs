namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>Fresh keys per test: the silo and its database outlive a single test.</summary>
internal static class SiloTestNames
{
    public static string NewUserName() => $"silo-test-{Guid.NewGuid():N}"[..24];
}

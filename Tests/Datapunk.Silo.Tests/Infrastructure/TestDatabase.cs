namespace Datapunk.Silo.Tests.Infrastructure;

internal static class TestDatabase
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("DATAPUNK_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Database=datapunk_test;Username=datapunk;Password=datapunk";
}

namespace Datapunk.Silo.Grpc;

/// <summary>How often <c>Imports.WatchImport</c> asks the job grain for progress (<c>Grpc:WatchImportPollInterval</c>, default 250 ms).</summary>
public sealed record ImportWatchSettings(TimeSpan PollInterval)
{
    public static ImportWatchSettings From(IConfiguration configuration)
    {
        var interval = configuration.GetValue("Grpc:WatchImportPollInterval", TimeSpan.FromMilliseconds(250));
        return interval > TimeSpan.Zero
            ? new ImportWatchSettings(interval)
            : throw new InvalidOperationException($"Grpc:WatchImportPollInterval must be positive, got {interval}.");
    }
}

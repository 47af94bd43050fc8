namespace Datapunk.Silo.Grpc;

/// <summary>Exports and erasure reports as the gRPC Privacy service sends them (privacy.proto).</summary>
internal static class PrivacyMessages
{
    public static V1.ExportStatus ToMessage(this ExportStatus status)
    {
        var message = new V1.ExportStatus
        {
            ExportId = status.ExportId.ToString(),
            State = status.State switch
            {
                ExportState.Running => V1.ExportState.Running,
                ExportState.Ready => V1.ExportState.Ready,
                ExportState.Failed => V1.ExportState.Failed,
                _ => throw new ArgumentOutOfRangeException(nameof(status), status.State, "An export state the gRPC contract does not name."),
            },
            StartedAt = Utc(status.StartedAt).ToTimestamp(),
            ExpiresAt = status.ExpiresAt is { } expires ? Utc(expires).ToTimestamp() : null,
            Error = status.Error ?? "",
        };
        if (status.Bytes is { } bytes)
        {
            message.Bytes = bytes;
        }

        return message;
    }

    public static V1.ErasureReport ToMessage(this ErasureReport report) => new()
    {
        UserName = report.UserId,
        Rows = { report.Rows.ToDictionary() },
        GrainStates = report.GrainStates,
        Reminders = report.Reminders,
        CacheKeys = report.CacheKeys,
        SpoolFiles = report.SpoolFiles,
        LocationLeaves = report.LocationLeaves,
        ErasedAt = Utc(report.ErasedAt).ToTimestamp(),
    };

    /// <summary>The export and erasure times are UTC <see cref="DateTime"/>s (file times and the clock's UTC now).</summary>
    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}

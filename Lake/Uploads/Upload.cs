namespace Datapunk.Lake.Uploads;

/// <summary>The state of one upload (a row of <c>imports.uploads</c>).</summary>
/// <param name="Received">Bytes synced to the spool file; what a client resumes from.</param>
/// <param name="FileName">The name the uploader gave (display only, never a path on disk).</param>
/// <param name="ExpiresAt">When it is removed unless finished and imported; null while an import reads it, or once kept.</param>
/// <param name="ImportId">The import that read it, if one did.</param>
public sealed record Upload(
    Guid UploadId, string UserId, long Length, long Received, string? FileName,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? CompletedAt, Guid? ImportId)
{
    public bool IsComplete => CompletedAt is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}

namespace Datapunk.Lake.Uploads;

/// <summary>A write that does not fit the upload's state: the wrong offset, a finished upload, or another writer holding it (409).</summary>
public sealed class UploadConflictException : Exception
{
    public UploadConflictException() { }

    public UploadConflictException(string message) : base(message) { }

    public UploadConflictException(string message, Exception inner) : base(message, inner) { }
}

namespace Datapunk.Lake.Uploads;

/// <summary>An upload, or a write to one, over a size limit (413); the message names the limit.</summary>
public sealed class UploadTooLargeException : Exception
{
    public UploadTooLargeException() { }

    public UploadTooLargeException(string message) : base(message) { }

    public UploadTooLargeException(string message, Exception inner) : base(message, inner) { }
}

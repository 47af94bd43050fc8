namespace Datapunk.Grains;

/// <summary>
/// No upload of the caller has this id (never created, another user's, expired or removed): the
/// gateway answers 404 and says which id, never whether someone else has it.
/// </summary>
[GenerateSerializer, Alias("upload-not-found-exception")]
public sealed class UploadNotFoundException : Exception
{
    public UploadNotFoundException() { }

    public UploadNotFoundException(string message) : base(message) { }

    public UploadNotFoundException(string message, Exception inner) : base(message, inner) { }
}

namespace Datapunk.Lake.Formats;

/// <summary>An entry could not be read: says what was wrong and where (byte offset or line).</summary>
public sealed class ExportFormatException : Exception
{
    public ExportFormatException() { }

    public ExportFormatException(string message) : base(message) { }

    public ExportFormatException(string message, Exception inner) : base(message, inner) { }

    public ExportFormatException(string message, long byteOffset, Exception? inner = null)
        : base($"{message} (at byte {byteOffset})", inner) => ByteOffset = byteOffset;

    public long? ByteOffset { get; }
}

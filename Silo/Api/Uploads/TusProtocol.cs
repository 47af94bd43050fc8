using System.Globalization;

namespace Datapunk.Silo.Api.Uploads;

/// <summary>The tus 1.0.0 protocol's headers and values (https://tus.io/protocols/resumable-upload), as this server speaks it.</summary>
public static class TusProtocol
{
    public const string Version = "1.0.0";

    /// <summary>Core protocol plus these extensions; not creation-with-upload, defer-length, checksum or concatenation.</summary>
    public const string Extensions = "creation,termination,expiration";

    public const string ResumableHeader = "Tus-Resumable";
    public const string VersionHeader = "Tus-Version";
    public const string ExtensionHeader = "Tus-Extension";
    public const string MaxSizeHeader = "Tus-Max-Size";
    public const string OffsetHeader = "Upload-Offset";
    public const string LengthHeader = "Upload-Length";
    public const string DeferLengthHeader = "Upload-Defer-Length";
    public const string MetadataHeader = "Upload-Metadata";
    public const string ExpiresHeader = "Upload-Expires";

    /// <summary>The only content type a PATCH may carry.</summary>
    public const string PatchContentType = "application/offset+octet-stream";

    /// <summary>A header value that must be a non-negative integer (Upload-Offset, Upload-Length); null when absent or anything else.</summary>
    public static long? NonNegative(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Upload-Expires is an RFC 9110 HTTP date.</summary>
    public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}

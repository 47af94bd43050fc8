using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Datapunk.Lake.Pipeline;

/// <summary>
/// Finds entries whose text is not UTF-8, so they can be transcoded before detection and parsing:
/// UTF-16 and UTF-32 (by byte order mark, or UTF-16 without one by its pattern of zero bytes), and
/// JSON that is not valid UTF-8 (JSON must be Unicode; such files are Windows-1252 in practice).
/// Everything else passes as it is: readers of formats that declare their own charsets (mail,
/// HTML) handle them, and binary files are no business of this class.
/// </summary>
internal static class TextEncodingSniffer
{
    private const int ZeroPatternSample = 512;

    static TextEncodingSniffer() => CodePages.EnsureRegistered();

    /// <summary>The encoding to transcode from, or null to read the bytes as they are.</summary>
    public static Encoding? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return null;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        if (LooksLikeUtf16(head, out var bigEndian))
        {
            return bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        }

        return LooksLikeJson(head) && !IsUtf8(head) ? Encoding.GetEncoding(1252) : null;
    }

    /// <summary>The head as UTF-8, for detection (a character cut at the end of the head is dropped).</summary>
    public static byte[] TranscodeHead(ReadOnlySpan<byte> head, Encoding encoding)
    {
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(head.Length)];
        var count = decoder.GetChars(head, chars, flush: false);
        return Encoding.UTF8.GetBytes(chars, 0, count);
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head, out bool bigEndian)
    {
        var sample = head[..(Math.Min(head.Length, ZeroPatternSample) & ~1)];
        bigEndian = false;
        if (sample.Length < 4)
        {
            return false;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
        {
            return true;
        }

        bigEndian = evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05;
        return bigEndian;
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        var text = head.TrimStart(" \t\r\n"u8);
        return !text.IsEmpty && text[0] is (byte)'{' or (byte)'[';
    }

    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        var chars = ArrayPool<char>.Shared.Rent(head.Length + 1);
        try
        {
            // Not the final block: a character cut at the end of the 64 KiB head is not an error.
            return Utf8.ToUtf16(head, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: false) != OperationStatus.InvalidData;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}

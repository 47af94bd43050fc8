using System.Text;

namespace Datapunk.Lake.Tables;

/// <summary>
/// A CSV file's encoding and delimiter, detected from its first 64 KiB: a byte-order mark names UTF-8 or
/// UTF-16; otherwise bytes that are valid UTF-8 are read as UTF-8 and any others as Windows-1252. The delimiter
/// is the one of comma, semicolon, tab and pipe that splits the first lines (outside quotes) into the same number
/// of fields, more than one; a file no candidate splits is one column.
/// </summary>
public sealed record CsvDialect(Encoding Encoding, char Delimiter)
{
    private const int SampleBytes = 64 * 1024;
    private const int SampleLines = 50;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public string EncodingName => Encoding.WebName;

    public string DelimiterName => Delimiter switch { '\t' => "tab", _ => Delimiter.ToString() };

    public static async Task<CsvDialect> DetectAsync(Stream file, CancellationToken cancellationToken)
    {
        var sample = new byte[SampleBytes];
        var read = await file.ReadAtLeastAsync(sample, sample.Length, throwOnEndOfStream: false, cancellationToken);
        file.Position = 0;
        var bytes = sample.AsSpan(0, read);
        var encoding = EncodingOf(bytes);
        var text = encoding.GetString(bytes[encoding.Preamble.Length..]);
        return new CsvDialect(encoding, DelimiterOf(text));
    }

    private static Encoding EncodingOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
        }

        // The sample may end inside a character: a decoder that is not flushed keeps those bytes back instead of failing on them.
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        try
        {
            strict.GetCharCount(bytes, flush: false);
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        catch (DecoderFallbackException)
        {
            CodePages.EnsureRegistered();
            return Encoding.GetEncoding(1252);
        }
    }

    private static char DelimiterOf(string text)
    {
        var counts = Candidates.ToDictionary(c => c, _ => new List<int>());
        var quoted = false;
        var lineCounts = Candidates.ToDictionary(c => c, _ => 0);
        var lines = 0;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '\n')
            {
                foreach (var candidate in Candidates)
                {
                    counts[candidate].Add(lineCounts[candidate]);
                    lineCounts[candidate] = 0;
                }

                if (++lines == SampleLines)
                {
                    break;
                }
            }
            else if (!quoted && lineCounts.TryGetValue(c, out var count))
            {
                lineCounts[c] = count + 1;
            }
        }

        if (lines == 0)
        {
            foreach (var candidate in Candidates)
            {
                counts[candidate].Add(lineCounts[candidate]);
            }
        }

        // Consistent splits first, then the most fields; the order of Candidates breaks ties.
        var best = Candidates
            .Select(c => (Delimiter: c, Min: counts[c].Min(), Consistent: counts[c].Distinct().Count() == 1))
            .Where(c => c.Min > 0)
            .OrderByDescending(c => c.Consistent)
            .ThenByDescending(c => c.Min)
            .FirstOrDefault();
        return best.Min > 0 ? best.Delimiter : ',';
    }
}

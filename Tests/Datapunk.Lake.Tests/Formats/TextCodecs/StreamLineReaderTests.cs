using Datapunk.Lake.Formats.TextCodecs;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.TextCodecs;

public sealed class StreamLineReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task Reads_lf_crlf_and_a_last_line_without_terminator_with_offsets(int bytesPerRead)
    {
        var lines = await ReadAll("one\r\ntwo\n\r\nlast", bytesPerRead, maxChunk: 64);

        lines.ShouldBe([("one", 0L, 2, true), ("two", 5L, 1, true), ("", 9L, 2, true), ("last", 11L, 0, true)]);
    }

    [Fact]
    public async Task Hands_out_an_over_long_line_in_pieces()
    {
        var text = new string('a', 15) + "\r\n" + new string('b', 40) + "\nend";

        var lines = await ReadAll(text, bytesPerRead: 7, maxChunk: 16);

        lines.ShouldBe(
        [
            (new string('a', 15), 0L, 2, true),
            (new string('b', 16), 17L, 0, true),
            (new string('b', 16), 33L, 0, false),
            (new string('b', 8), 49L, 1, false),
            ("end", 58L, 0, true),
        ]);
    }

    [Fact]
    public async Task A_crlf_cut_by_a_piece_boundary_is_not_content()
    {
        // The 16-byte piece ends with the CR; its LF only arrives with the next read.
        var lines = await ReadAll(new string('a', 15) + "\r\nend", bytesPerRead: 16, maxChunk: 16);

        lines.ShouldBe([(new string('a', 15), 0L, 0, true), ("", 15L, 2, false), ("end", 17L, 0, true)]);
    }

    [Fact]
    public async Task Reports_an_empty_stream_as_no_lines()
    {
        (await ReadAll("", 1, 16)).ShouldBeEmpty();
    }

    /// <summary>(text, offset, terminator length, starts a line).</summary>
    private static async Task<List<(string, long, int, bool)>> ReadAll(string text, int bytesPerRead, int maxChunk)
    {
        var reader = new StreamLineReader(new TrickleStream(Encoding.UTF8.GetBytes(text), bytesPerRead), maxChunk);
        var lines = new List<(string, long, int, bool)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add((Encoding.UTF8.GetString(reader.Current.Span), reader.Offset, reader.TerminatorLength, reader.IsLineStart));
        }

        return lines;
    }
}

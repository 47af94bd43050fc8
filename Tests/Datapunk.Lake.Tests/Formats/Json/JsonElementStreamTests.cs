using Datapunk.Lake.Formats.Json;
using Datapunk.Lake.Tests.Support;

namespace Datapunk.Lake.Tests.Formats.Json;

public sealed class JsonElementStreamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task Streams_elements_of_named_arrays_across_any_read_size(int bytesPerRead)
    {
        var json = """{"meta":{"a":[1,2,{"b":3}]},"locations":[{"x":1},{"x":2,"y":[1,2]},3,"four"],"tail":true}""";
        var (elements, others) = await ReadAsync(json, ["locations"], bytesPerRead);

        elements.ShouldBe(["locations:{\"x\":1}", "locations:{\"x\":2,\"y\":[1,2]}", "locations:3", "locations:\"four\""]);
        others.ShouldBe(["meta", "tail"]);
    }

    [Fact]
    public async Task Streams_a_root_array_and_skips_a_byte_order_mark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""[{"a":1} , {"a":2}]""")).ToArray();
        var elements = new List<(string, long)>();
        await new JsonElementStream([]).ReadAsync(
            new MemoryStream(bytes), (name, json, offset) => elements.Add((Encoding.UTF8.GetString(json), offset)), null, CancellationToken.None);

        elements.ShouldBe([("{\"a\":1}", 4L), ("{\"a\":2}", 14L)]);
    }

    [Fact]
    public async Task Reports_invalid_json_with_the_byte_offset()
    {
        var json = """{"locations":[{"x":1},{"x":2,,}]}""";
        var exception = await Should.ThrowAsync<ExportFormatException>(() => ReadAsync(json, ["locations"], 5));

        exception.Message.ShouldContain("Invalid JSON");
        exception.ByteOffset.ShouldNotBeNull();
        exception.ByteOffset!.Value.ShouldBeInRange(27, 30);
    }

    [Fact]
    public async Task Reports_a_truncated_file()
    {
        var exception = await Should.ThrowAsync<ExportFormatException>(() => ReadAsync("""{"locations":[{"x":1},{"x":""", ["locations"], 1024));

        exception.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task Refuses_an_element_larger_than_the_limit_instead_of_buffering_it()
    {
        var big = "[\"" + new string('x', 3 << 20) + "\"]";
        var exception = await Should.ThrowAsync<ExportFormatException>(() =>
            new JsonElementStream([], maxElementBytes: 2 << 20).ReadAsync(
                new MemoryStream(Encoding.UTF8.GetBytes(big)), (_, _, _) => { }, null, CancellationToken.None));

        exception.Message.ShouldContain("larger than 2 MiB");
    }

    [Fact]
    public async Task Skips_a_huge_unwanted_value_without_buffering_it()
    {
        var json = "{\"ignored\":[" + string.Join(",", Enumerable.Repeat("\"" + new string('y', 1000) + "\"", 5000)) + "],\"locations\":[1]}";
        var elements = new List<string>();
        await new JsonElementStream(["locations"], maxElementBytes: 1 << 20).ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(json)), (_, e, _) => elements.Add(Encoding.UTF8.GetString(e)), null, CancellationToken.None);

        elements.ShouldBe(["1"]);
    }

    private static async Task<(List<string> Elements, List<string> Others)> ReadAsync(string json, string[] arrays, int bytesPerRead)
    {
        var elements = new List<string>();
        var others = new List<string>();
        await new JsonElementStream(arrays).ReadAsync(
            new TrickleStream(Encoding.UTF8.GetBytes(json), bytesPerRead),
            (name, element, _) => elements.Add($"{name}:{Encoding.UTF8.GetString(element)}"),
            (name, _) => others.Add(name),
            CancellationToken.None);
        return (elements, others);
    }
}

using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Datapunk.Web.Tests;

/// <summary>
/// The app's scripts travel compressed to a browser that accepts it (MapLibre alone is 1.2 MB), and
/// nothing else the silo answers is compressed: a page or an API answer may carry a secret or a user's
/// data, which a compression side channel could read.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class AssetCompressionTests(WebAppFixture web)
{
    [Fact(Timeout = 60_000)]
    public async Task Scripts_come_brotli_compressed_to_a_browser_that_accepts_it_and_unchanged_to_one_that_does_not()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = web.Gateway };
        var page = await http.GetStringAsync("/", cancel);
        var script = ScriptPath().Match(page);
        script.Success.ShouldBeTrue($"index.html names its script: {page}");

        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, script.Groups[1].Value);
        using var plain = await http.SendAsync(plainRequest, cancel);
        plain.EnsureSuccessStatusCode();
        plain.Content.Headers.ContentEncoding.ShouldBeEmpty();
        var original = await plain.Content.ReadAsByteArrayAsync(cancel);

        using var brotliRequest = new HttpRequestMessage(HttpMethod.Get, script.Groups[1].Value);
        brotliRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        brotliRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var compressed = await http.SendAsync(brotliRequest, cancel);
        compressed.EnsureSuccessStatusCode();
        compressed.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        compressed.Headers.Vary.ShouldContain("Accept-Encoding");
        compressed.Content.Headers.ContentType?.MediaType.ShouldBe("text/javascript");
        var packed = await compressed.Content.ReadAsByteArrayAsync(cancel);
        packed.Length.ShouldBeLessThan(original.Length / 2, "the script compresses to less than half");
        await using var unpacked = new MemoryStream();
        await using (var brotli = new BrotliStream(new MemoryStream(packed), CompressionMode.Decompress))
        {
            await brotli.CopyToAsync(unpacked, cancel);
        }

        unpacked.ToArray().ShouldBe(original, "the compressed script is the script");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/")]
    [InlineData("/timeline")]
    [InlineData("/health/ready")]
    public async Task Pages_and_API_answers_are_never_compressed(string path)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = web.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await http.SendAsync(request, cancel);

        response.IsSuccessStatusCode.ShouldBeTrue($"{path} answered {(int)response.StatusCode}");
        response.Content.Headers.ContentEncoding.ShouldBeEmpty($"{path} is not compressed");
    }

    [GeneratedRegex("<script[^>]+src=\"(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptPath();
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>The requests of the tus 1.0.0 protocol, spelled out as a tus client sends them, so the tests read as the protocol.</summary>
internal static class TusCalls
{
    public const string Uploads = "api/v1/uploads";

    public static HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    /// <summary>POST: creates an upload of <paramref name="length"/> bytes; the response carries its URL in Location.</summary>
    public static async Task<HttpResponseMessage> CreateAsync(HttpClient client, long length, string? fileName = "Records.json")
    {
        using var request = Request(HttpMethod.Post, Uploads);
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        if (fileName is not null)
        {
            request.Headers.Add("Upload-Metadata", $"filename {Convert.ToBase64String(Encoding.UTF8.GetBytes(fileName))}");
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Creates an upload and returns its URL, failing the test when the server refuses.</summary>
    public static async Task<string> CreatedAsync(HttpClient client, long length, string? fileName = "Records.json")
    {
        using var response = await CreateAsync(client, length, fileName);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return response.Headers.Location.ShouldNotBeNull().OriginalString;
    }

    public static async Task<HttpResponseMessage> HeadAsync(HttpClient client, string upload)
    {
        using var request = Request(HttpMethod.Head, upload);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The upload's offset by HEAD, or null when the server answers 404.</summary>
    public static async Task<long?> OffsetAsync(HttpClient client, string upload)
    {
        using var response = await HeadAsync(client, upload);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return OffsetOf(response);
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, string upload, long offset, byte[] bytes) =>
        PatchAsync(client, upload, offset, new ByteArrayContent(bytes));

    public static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string upload, long offset, HttpContent content)
    {
        using var request = Request(HttpMethod.Patch, upload);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = content;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    public static long OffsetOf(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);

    public static Guid IdOf(string upload) => Guid.Parse(upload.Split('/')[^1]);
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Datapunk.Client.Uploads;

/// <summary>
/// The client side of the tus 1.0.0 protocol against <c>/api/v1/uploads</c>: creates an upload,
/// sends the file in pieces of <see cref="PieceBytes"/> (each a short request, so no request
/// outlives the client's timeout and an interruption costs at most one piece), and after an
/// interruption, in this run or a later one, asks the server for its offset and goes on from there.
/// </summary>
internal sealed class TusUploader(HttpClient http, string resumeFolder)
{
    public const int PieceBytes = 4 << 20;
    private const string UploadsPath = "api/v1/uploads";
    private const string Version = "1.0.0";
    private const int MaxConsecutiveFailures = 5;

    private readonly UploadResumeRecords _records = new(resumeFolder);

    public async Task<Guid> UploadAsync(string path, string? name, IProgress<long>? sent, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        var (upload, offset) = await ResumeAsync(file, cancellationToken) ?? (await CreateAsync(file, name ?? file.Name, cancellationToken), 0L);
        sent?.Report(offset);
        var buffer = new byte[(int)Math.Min(PieceBytes, Math.Max(file.Length, 1))];
        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        var failures = 0;
        while (offset < file.Length)
        {
            content.Position = offset;
            var count = await content.ReadAtLeastAsync(buffer, (int)Math.Min(buffer.Length, file.Length - offset), throwOnEndOfStream: true, cancellationToken);
            try
            {
                offset = await PatchAsync(upload, offset, buffer.AsMemory(0, count), cancellationToken);
                failures = 0;
            }
            catch (Exception exception) when (IsInterruption(exception, cancellationToken) && ++failures < MaxConsecutiveFailures)
            {
                // The piece may have arrived in part: the server says how much it kept.
                offset = await OffsetAsync(upload, cancellationToken) ?? throw new DatapunkApiException(
                    HttpStatusCode.NotFound, $"The upload of {path} disappeared from the server while it was being sent.", $"HEAD {upload}");
            }

            sent?.Report(offset);
        }

        return IdOf(upload);
    }

    private async Task<(Uri Upload, long Offset)?> ResumeAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (_records.Find(file) is not { } upload)
        {
            return null;
        }

        if (await OffsetAsync(upload, cancellationToken) is { } offset)
        {
            return (upload, offset);
        }

        // Expired, imported or deleted: start afresh.
        _records.Forget(file);
        return null;
    }

    private async Task<Uri> CreateAsync(FileInfo file, string name, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, new Uri(UploadsPath, UriKind.Relative));
        request.Headers.Add("Upload-Length", file.Length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", $"filename {Convert.ToBase64String(Encoding.UTF8.GetBytes(name))}");
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"POST {UploadsPath}", cancellationToken);
        var upload = response.Headers.Location
            ?? throw new DatapunkApiException(response.StatusCode, "The server created an upload but gave no Location.", $"POST {UploadsPath}");
        _records.Remember(file, upload);
        return upload;
    }

    private async Task<long> PatchAsync(Uri upload, long offset, ReadOnlyMemory<byte> piece, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Patch, upload);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = new ReadOnlyMemoryContent(piece);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"PATCH {upload}", cancellationToken);
        return OffsetOf(response) ?? offset + piece.Length;
    }

    /// <summary>The server's offset of the upload, or null when it no longer has it.</summary>
    private async Task<long?> OffsetAsync(Uri upload, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Head, upload);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }

        await EnsureAsync(response, $"HEAD {upload}", cancellationToken);
        return OffsetOf(response) ?? throw new DatapunkApiException(response.StatusCode, "The server's answer had no Upload-Offset.", $"HEAD {upload}");
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", Version);
        return request;
    }

    private static long? OffsetOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Upload-Offset", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : null;

    private static Guid IdOf(Uri upload) => Guid.Parse(upload.OriginalString.TrimEnd('/').Split('/')[^1]);

    private static bool IsInterruption(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (exception is HttpRequestException or IOException or TaskCanceledException
            || exception is DatapunkApiException { StatusCode: HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway });

    private static async Task EnsureAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new DatapunkApiException(response.StatusCode, ProblemText.From(response.StatusCode, body), request);
        }
    }
}

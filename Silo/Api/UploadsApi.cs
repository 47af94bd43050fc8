using Datapunk.Lake.Uploads;
using Datapunk.Silo.Api.Uploads;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// Uploads by the tus 1.0.0 resumable upload protocol (core, creation, termination, expiration) at
/// <c>/api/v1/uploads</c>: create an upload of a known length, PATCH its bytes in pieces from the
/// offset HEAD reports, and name it in <c>POST /api/v1/imports</c> once complete. Bytes stream to
/// the caller's folder of the spool; an upload is only ever the caller's own (404 for anyone else's).
/// </summary>
public static class UploadsApi
{
    public static RouteGroupBuilder MapUploadsApi(this RouteGroupBuilder api)
    {
        var uploads = api.MapGroup("/uploads").WithTags("Uploads").RequireAuthorization(AuthPolicies.Write);
        uploads.AddEndpointFilter(RequireTusVersionAsync);
        uploads.MapMethods("", [HttpMethods.Options], Discover).WithName("DiscoverUploads")
            .WithSummary("tus discovery: the protocol version, extensions and largest upload this server takes.");
        uploads.MapPost("", CreateAsync).WithName("CreateUpload")
            .WithSummary("Creates an upload of Upload-Length bytes (Upload-Metadata 'filename' names it); its URL is in Location.");
        uploads.MapMethods("/{uploadId:guid}", [HttpMethods.Head], HeadAsync).WithName("GetUploadOffset")
            .WithSummary("The upload's offset (bytes received and on disk) and length: where to resume.");
        uploads.MapPatch("/{uploadId:guid}", PatchAsync).WithName("AppendToUpload")
            .WithSummary("Appends the body (application/offset+octet-stream) at Upload-Offset, which must equal the upload's offset.");
        uploads.MapDelete("/{uploadId:guid}", DeleteAsync).WithName("DeleteUpload")
            .WithSummary("tus termination: removes the upload and its bytes.");
        return api;
    }

    private static async ValueTask<object?> RequireTusVersionAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers[TusProtocol.ResumableHeader] = TusProtocol.Version;
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers[TusProtocol.ResumableHeader] != TusProtocol.Version)
        {
            http.Response.Headers[TusProtocol.VersionHeader] = TusProtocol.Version;
            return TypedResults.Problem(
                $"This server speaks tus {TusProtocol.Version}: send the header {TusProtocol.ResumableHeader}: {TusProtocol.Version}.",
                statusCode: StatusCodes.Status412PreconditionFailed, title: "Unsupported tus version");
        }

        return await next(context);
    }

    private static NoContent Discover(HttpContext http, UploadStore store)
    {
        http.Response.Headers[TusProtocol.VersionHeader] = TusProtocol.Version;
        http.Response.Headers[TusProtocol.ExtensionHeader] = TusProtocol.Extensions;
        http.Response.Headers[TusProtocol.MaxSizeHeader] = store.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created, ProblemHttpResult>> CreateAsync(HttpContext http, UploadStore store)
    {
        var request = http.Request;
        if (request.Headers.ContainsKey(TusProtocol.DeferLengthHeader))
        {
            return Problem(StatusCodes.Status400BadRequest, "Length required", "This server needs Upload-Length when an upload is created (no creation-defer-length).");
        }

        if (TusProtocol.NonNegative(request.Headers[TusProtocol.LengthHeader]) is not { } length)
        {
            return Problem(StatusCodes.Status400BadRequest, "Length required",
                $"Upload-Length must be the upload's size in bytes, a non-negative integer; it was '{request.Headers[TusProtocol.LengthHeader]}'.");
        }

        string? fileName;
        try
        {
            fileName = TusMetadata.FileName(TusMetadata.Parse(request.Headers[TusProtocol.MetadataHeader]));
        }
        catch (FormatException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad Upload-Metadata", exception.Message);
        }

        try
        {
            var upload = await store.CreateAsync(http.User.UserIdOf(), length, fileName, http.RequestAborted);
            SetExpires(http, upload);
            return TypedResults.Created($"{ApiV1.Prefix}/uploads/{upload.UploadId}");
        }
        catch (UploadTooLargeException exception)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", exception.Message);
        }
        catch (UploadConflictException exception)
        {
            return Problem(StatusCodes.Status409Conflict, "Too many unfinished uploads", exception.Message);
        }
    }

    private static async Task<Results<Ok, NotFound>> HeadAsync(Guid uploadId, HttpContext http, UploadStore store)
    {
        if (await store.GetAsync(http.User.UserIdOf(), uploadId, http.RequestAborted) is not { } upload)
        {
            return TypedResults.NotFound();
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers[TusProtocol.OffsetHeader] = upload.Received.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers[TusProtocol.LengthHeader] = upload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (upload.FileName is { } fileName)
        {
            headers[TusProtocol.MetadataHeader] = TusMetadata.Encode("filename", fileName);
        }

        SetExpires(http, upload);
        return TypedResults.Ok();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PatchAsync(Guid uploadId, HttpContext http, UploadWriter writer, UploadStore store)
    {
        var request = http.Request;
        if (!string.Equals(request.ContentType, TusProtocol.PatchContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Wrong content type",
                $"A PATCH carries Content-Type: {TusProtocol.PatchContentType}; this one was '{request.ContentType}'.");
        }

        if (TusProtocol.NonNegative(request.Headers[TusProtocol.OffsetHeader]) is not { } offset)
        {
            return Problem(StatusCodes.Status400BadRequest, "Offset required",
                $"Upload-Offset must be the offset the upload is at (HEAD tells it), a non-negative integer; it was '{request.Headers[TusProtocol.OffsetHeader]}'.");
        }

        // Kestrel's 30 MB default would cut a large piece; the upload's own length bounds what is written.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        try
        {
            var recorded = await writer.WriteAsync(http.User.UserIdOf(), uploadId, offset, request.Body, request.ContentLength, http.RequestAborted);
            http.Response.Headers[TusProtocol.OffsetHeader] = recorded.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // tus' expiration extension: every PATCH answer says until when the upload may be continued.
            if (await store.GetAsync(http.User.UserIdOf(), uploadId, http.RequestAborted) is { } upload)
            {
                SetExpires(http, upload);
            }

            return TypedResults.NoContent();
        }
        catch (UploadNotFoundException exception)
        {
            return Problem(StatusCodes.Status404NotFound, "No such upload", exception.Message);
        }
        catch (UploadConflictException exception)
        {
            return Problem(StatusCodes.Status409Conflict, "Offset conflict", exception.Message);
        }
        catch (UploadTooLargeException exception)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Past the upload's length", exception.Message);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid uploadId, HttpContext http, UploadStore store) =>
        await store.DeleteAsync(http.User.UserIdOf(), uploadId, http.RequestAborted)
            ? TypedResults.NoContent()
            : Problem(StatusCodes.Status404NotFound, "No such upload", $"You have no upload {uploadId}; it may have expired or been deleted.");

    private static void SetExpires(HttpContext http, Upload upload)
    {
        if (upload.ExpiresAt is { } expires)
        {
            http.Response.Headers[TusProtocol.ExpiresHeader] = TusProtocol.HttpDate(expires);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}

using Datapunk.Lake.Tables;
using Datapunk.Lake.Uploads;
using Datapunk.Silo.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace Datapunk.Silo.Api.Tables;

/// <summary>
/// The file a table request reads: the request body, spooled to the caller's folder while it arrives and
/// removed afterwards, or the caller's own finished upload named by <c>uploadId=</c> (for files too big for one request).
/// </summary>
internal static class TableUploadSource
{
    /// <summary>Runs <paramref name="work"/> on the file's path.</summary>
    /// <exception cref="TableTooLargeException">The body is larger than allowed.</exception>
    /// <exception cref="UploadNotFoundException">The caller has no finished upload by that id.</exception>
    public static async Task<T> WithFileAsync<T>(HttpContext http, TableUploadQuery query, Func<string, Task<T>> work)
    {
        var userId = http.User.UserIdOf();
        var services = http.RequestServices;
        if (query.UploadId is { } uploadId)
        {
            var upload = await services.GetRequiredService<UploadStore>().GetAsync(userId, uploadId, http.RequestAborted);
            if (upload is not { IsComplete: true })
            {
                throw new UploadNotFoundException($"You have no finished upload {uploadId}; it may be unfinished, expired or deleted.");
            }

            return await work(services.GetRequiredService<UploadSpool>().FileOf(userId, uploadId));
        }

        // Kestrel's 30 MB default would cut a table; Tables:MaxFileBytes bounds what is spooled.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        var path = await services.GetRequiredService<TableUploadFiles>().SpoolAsync(userId, http.Request.Body, http.RequestAborted);
        try
        {
            return await work(path);
        }
        finally
        {
            TableUploadFiles.Remove(path);
        }
    }
}

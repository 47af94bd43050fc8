using System.Net;
using System.Net.Http.Json;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>The import routes of <c>/api/v1/imports</c> as the tests call them over HTTP.</summary>
internal static class ImportsCalls
{
    public const string Imports = "api/v1/imports";

    public static Task<HttpResponseMessage> StartAsync(HttpClient client, object body) =>
        client.PostAsJsonAsync(Imports, body, TestContext.Current.CancellationToken);

    /// <summary>Starts an import of <paramref name="uploads"/>, failing the test when it is refused, and waits for it to end.</summary>
    public static async Task<ImportProgress> ImportUploadsAsync(HttpClient client, IReadOnlyList<Guid> uploads, bool keepOriginals = false)
    {
        using var started = await StartAsync(client, new { uploads, keepOriginals });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var import = (await started.Content.ReadFromJsonAsync<ImportProgress>(TestContext.Current.CancellationToken)).ShouldNotBeNull();
        started.Headers.Location.ShouldNotBeNull().OriginalString.ShouldBe($"/{Imports}/{import.ImportId}");
        return await WaitAsync(client, import.ImportId);
    }

    public static Task<ImportProgress> WaitAsync(HttpClient client, Guid importId) =>
        Deadlines.PollAsync(
            async token => await client.GetFromJsonAsync<ImportProgress>($"{Imports}/{importId}", token)
                ?? throw new InvalidOperationException($"GET {Imports}/{importId} answered an empty body."),
            progress => progress.Status.IsFinished(),
            $"import {importId} to finish",
            progress => $"{progress?.Status} {progress?.Message}",
            Deadlines.Import);
}

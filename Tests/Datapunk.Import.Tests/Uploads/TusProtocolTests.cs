using System.Net;
using System.Text.Json;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>
/// The tus 1.0.0 protocol at <c>/api/v1/uploads</c> over real HTTP against a real silo: discovery,
/// creation, pieces and offsets, conflicts, limits, an interrupted PATCH resumed, expiry, termination,
/// and another user's upload that does not exist for them.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class TusProtocolTests(SiloFixture silo)
{
    private static byte[] Content(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i % 251))];

    [Fact]
    public async Task Options_tells_the_version_extensions_and_largest_upload()
    {
        using var client = await silo.NewMemberAsync(ImportDatabase.NewUser("tus-options"));
        using var request = new HttpRequestMessage(HttpMethod.Options, TusCalls.Uploads);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Tus-Version").ShouldBe(["1.0.0"]);
        response.Headers.GetValues("Tus-Extension").Single().Split(',').ShouldBe(["creation", "termination", "expiration"]);
        response.Headers.GetValues("Tus-Max-Size").ShouldBe([SiloFixture.MaxUserBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task Pieces_patched_at_the_offset_head_reports_make_a_finished_upload()
    {
        var user = ImportDatabase.NewUser("tus-pieces");
        using var client = await silo.NewMemberAsync(user);
        var content = Content(300_000);
        var upload = await TusCalls.CreatedAsync(client, content.Length);
        (await TusCalls.OffsetAsync(client, upload)).ShouldBe(0);

        using (var first = await TusCalls.PatchAsync(client, upload, 0, content[..100_000]))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            TusCalls.OffsetOf(first).ShouldBe(100_000);
            first.Headers.GetValues("Tus-Resumable").ShouldBe(["1.0.0"]);
            DateTimeOffset.Parse(first.Headers.GetValues("Upload-Expires").Single(), System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBeGreaterThan(DateTimeOffset.UtcNow, "a PATCH answer says until when the upload may be continued");
        }

        using (var head = await TusCalls.HeadAsync(client, upload))
        {
            TusCalls.OffsetOf(head).ShouldBe(100_000);
            head.Headers.GetValues("Upload-Length").ShouldBe(["300000"]);
            head.Headers.CacheControl!.NoStore.ShouldBeTrue();
            head.Headers.Contains("Upload-Expires").ShouldBeTrue();
        }

        using (var stale = await TusCalls.PatchAsync(client, upload, 0, content[..10]))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await ProblemDetailAsync(stale)).ShouldContain("Upload-Offset 0 does not match the 100000 bytes");
        }

        using (var rest = await TusCalls.PatchAsync(client, upload, 100_000, content[100_000..]))
        {
            TusCalls.OffsetOf(rest).ShouldBe(300_000);
        }

        var spoolFile = Path.Combine(silo.SpoolPath, user, TusCalls.IdOf(upload).ToString("N"));
        (await File.ReadAllBytesAsync(spoolFile, TestContext.Current.CancellationToken)).ShouldBe(content, "the spool file holds the bytes sent, named by the upload's id");
    }

    [Fact]
    public async Task Requests_out_of_the_protocol_are_refused_with_problem_details()
    {
        using var client = await silo.NewMemberAsync(ImportDatabase.NewUser("tus-refused"));
        var upload = await TusCalls.CreatedAsync(client, 10);

        using (var noVersion = new HttpRequestMessage(HttpMethod.Head, upload))
        using (var response = await client.SendAsync(noVersion, TestContext.Current.CancellationToken))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            response.Headers.GetValues("Tus-Version").ShouldBe(["1.0.0"]);
        }

        var wrongType = TusCalls.Request(HttpMethod.Patch, upload);
        wrongType.Headers.Add("Upload-Offset", "0");
        wrongType.Content = new ByteArrayContent([1]);
        using (var response = await client.SendAsync(wrongType, TestContext.Current.CancellationToken))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using var noLength = TusCalls.Request(HttpMethod.Post, TusCalls.Uploads);
        using (var response = await client.SendAsync(noLength, TestContext.Current.CancellationToken))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ProblemDetailAsync(response)).ShouldContain("Upload-Length must be the upload's size in bytes");
        }
    }

    [Fact]
    public async Task An_upload_over_the_limits_is_refused_with_413()
    {
        using var client = await silo.NewMemberAsync(ImportDatabase.NewUser("tus-large"));

        using (var tooLarge = await TusCalls.CreateAsync(client, SiloFixture.MaxUserBytes + 1))
        {
            tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            tooLarge.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await ProblemDetailAsync(tooLarge)).ShouldBe(
                $"An upload of {SiloFixture.MaxUserBytes + 1} bytes is over the largest this server takes, {SiloFixture.MaxUserBytes} bytes.");
        }

        var upload = await TusCalls.CreatedAsync(client, 100);
        using var pastLength = await TusCalls.PatchAsync(client, upload, 0, Content(101));
        pastLength.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await ProblemDetailAsync(pastLength)).ShouldContain("run past the upload's length of 100 bytes");
        (await TusCalls.OffsetAsync(client, upload)).ShouldBe(0);
    }

    [Fact]
    public async Task A_patch_cut_mid_body_keeps_what_arrived_and_the_upload_resumes_from_there()
    {
        var user = ImportDatabase.NewUser("tus-cut");
        using var client = await silo.NewMemberAsync(user);
        var content = Content(4 << 20);
        var upload = await TusCalls.CreatedAsync(client, content.Length);
        var body = new CutBody(content, cutAfter: 2 << 20);

        // The client's stream breaks after 2 MB: the request is aborted mid-body.
        await Should.ThrowAsync<HttpRequestException>(() => TusCalls.PatchAsync(client, upload, 0, new StreamContent(body)));

        (await TusCalls.OffsetAsync(client, upload) ?? -1).ShouldBeInRange(0, 2 << 20, "never more than was sent");

        // As a tus client does: ask for the offset and send the rest from there; a 409 (the server still
        // finishing the cut request) means ask again.
        var resumed = await Poll.UntilAsync(
            async _ =>
            {
                var offset = (await TusCalls.OffsetAsync(client, upload)).ShouldNotBeNull();
                using var rest = await TusCalls.PatchAsync(client, upload, offset, content[(int)offset..]);
                return (offset, rest.StatusCode);
            },
            attempt => attempt.StatusCode == HttpStatusCode.NoContent,
            "the rest of the upload to be taken from the offset HEAD reports",
            attempt => $"PATCH at {attempt.offset}: {attempt.StatusCode}",
            TimeSpan.FromSeconds(20),
            TestContext.Current.CancellationToken);
        resumed.offset.ShouldBeGreaterThan(0, "the bytes that arrived before the cut were kept");
        var spoolFile = Path.Combine(silo.SpoolPath, user, TusCalls.IdOf(upload).ToString("N"));
        (await File.ReadAllBytesAsync(spoolFile, TestContext.Current.CancellationToken)).ShouldBe(content);
    }

    [Fact]
    public async Task An_expired_upload_is_gone_and_swept_from_the_spool()
    {
        var user = ImportDatabase.NewUser("tus-expired");
        using var client = await silo.NewMemberAsync(user);
        var upload = await TusCalls.CreatedAsync(client, 100);
        (await TusCalls.PatchAsync(client, upload, 0, Content(10))).Dispose();
        var spoolFile = Path.Combine(silo.SpoolPath, user, TusCalls.IdOf(upload).ToString("N"));
        File.Exists(spoolFile).ShouldBeTrue();

        // A day passes (the clock of the row moves, not the test's).
        await ImportDatabase.ScalarAsync<int>("UPDATE imports.uploads SET expires_at = now() - interval '1 second' WHERE upload_id = $1", TusCalls.IdOf(upload));

        (await TusCalls.OffsetAsync(client, upload)).ShouldBeNull("an expired upload answers 404");
        using (var patch = await TusCalls.PatchAsync(client, upload, 10, Content(10)))
        {
            patch.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // The sweeper runs every second; the bound is generous because the shared silo's pool is busy with the other
        // tests' imports on two cores, and a sweep that cannot get a connection waits for one and tries again.
        await Poll.UntilAsync(
            _ => Task.FromResult(!File.Exists(spoolFile)),
            TimeSpan.FromSeconds(60),
            () => $"the sweeper to remove {spoolFile}\n{silo.OutputTail}",
            TestContext.Current.CancellationToken);
        (await ImportDatabase.ScalarAsync<long>("SELECT count(*) FROM imports.uploads WHERE upload_id = $1", TusCalls.IdOf(upload))).ShouldBe(0);
    }

    [Fact]
    public async Task Termination_removes_the_upload()
    {
        var user = ImportDatabase.NewUser("tus-delete");
        using var client = await silo.NewMemberAsync(user);
        var upload = await TusCalls.CreatedAsync(client, 100);
        (await TusCalls.PatchAsync(client, upload, 0, Content(10))).Dispose();

        using (var delete = TusCalls.Request(HttpMethod.Delete, upload))
        using (var response = await client.SendAsync(delete, TestContext.Current.CancellationToken))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await TusCalls.OffsetAsync(client, upload)).ShouldBeNull();
        File.Exists(Path.Combine(silo.SpoolPath, user, TusCalls.IdOf(upload).ToString("N"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Another_user_cannot_head_patch_delete_or_import_an_upload()
    {
        using var owner = await silo.NewMemberAsync(ImportDatabase.NewUser("tus-owner"));
        using var stranger = await silo.NewMemberAsync(ImportDatabase.NewUser("tus-stranger"));
        var upload = await TusCalls.CreatedAsync(owner, 20);
        (await TusCalls.PatchAsync(owner, upload, 0, Content(20))).Dispose();

        (await TusCalls.OffsetAsync(stranger, upload)).ShouldBeNull("HEAD answers 404 to anyone but the owner");
        using (var patch = await TusCalls.PatchAsync(stranger, upload, 0, Content(20)))
        {
            patch.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var delete = TusCalls.Request(HttpMethod.Delete, upload))
        using (var response = await stranger.SendAsync(delete, TestContext.Current.CancellationToken))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var import = await ImportsCalls.StartAsync(stranger, new { uploads = new[] { TusCalls.IdOf(upload) } }))
        {
            import.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await ProblemDetailAsync(import)).ShouldContain(TusCalls.IdOf(upload).ToString());
        }

        (await TusCalls.OffsetAsync(owner, upload)).ShouldBe(20, "the owner's upload is untouched");
    }

    internal static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return problem.RootElement.TryGetProperty("detail", out var detail)
            ? detail.GetString()!
            : problem.RootElement.GetProperty("errors").EnumerateObject().First().Value[0].GetString()!;
    }
}

using Datapunk.Lake.Uploads;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>
/// The tus PATCH engine without a gateway: pieces at the right offset, conflicts at the wrong one,
/// bounds, a cut connection keeping what arrived, and concurrent writers fenced so that the recorded
/// offset only ever counts bytes on disk.
/// </summary>
public sealed class UploadWriterTests : IDisposable
{
    private readonly SpoolHarness _spool = new(options =>
    {
        options.CheckpointBytes = 64;
        options.WriterLease = TimeSpan.FromMilliseconds(300);
    });

    private static byte[] Content(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];

    [Fact]
    public async Task Pieces_written_at_their_offsets_make_the_whole_file_and_finish_the_upload()
    {
        var user = SpoolHarness.NewUser();
        var content = Content(1000);
        var upload = await _spool.CreateAsync(user, content.Length);

        (await _spool.WriteAsync(user, upload.UploadId, 0, content[..300])).ShouldBe(300);
        (await _spool.Store.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken)).ShouldNotBeNull().Received.ShouldBe(300);
        (await _spool.WriteAsync(user, upload.UploadId, 300, content[300..])).ShouldBe(1000);

        var done = (await _spool.Store.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        done.IsComplete.ShouldBeTrue();
        (await File.ReadAllBytesAsync(_spool.Spool.FileOf(user, upload.UploadId), TestContext.Current.CancellationToken)).ShouldBe(content);
        (await Should.ThrowAsync<UploadConflictException>(() => _spool.WriteAsync(user, upload.UploadId, 1000, [1])))
            .Message.ShouldContain("is complete");
    }

    [Fact]
    public async Task A_write_at_another_offset_than_the_uploads_is_a_conflict_that_names_the_right_one()
    {
        var user = SpoolHarness.NewUser();
        var upload = await _spool.CreateAsync(user, 100);
        await _spool.WriteAsync(user, upload.UploadId, 0, Content(40));

        var conflict = await Should.ThrowAsync<UploadConflictException>(() => _spool.WriteAsync(user, upload.UploadId, 30, Content(10)));

        conflict.Message.ShouldContain("Upload-Offset 30 does not match the 40 bytes");
        (await _spool.Store.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken))!.Received.ShouldBe(40);
    }

    [Fact]
    public async Task Bytes_past_the_uploads_length_are_refused()
    {
        var user = SpoolHarness.NewUser();
        var upload = await _spool.CreateAsync(user, 100);

        (await Should.ThrowAsync<UploadTooLargeException>(() => _spool.WriteAsync(user, upload.UploadId, 0, Content(101))))
            .Message.ShouldContain("101 bytes at offset 0 run past the upload's length of 100 bytes");
        (await _spool.Store.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken))!.Received.ShouldBe(0, "a declared length over the limit writes nothing");

        // Without a declared length (chunked transfer) the bytes up to the length are kept.
        (await Should.ThrowAsync<UploadTooLargeException>(() => _spool.WriteAsync(user, upload.UploadId, 0, new MemoryStream(Content(150)))))
            .Message.ShouldContain("ran past the upload's length of 100 bytes");
        (await _spool.Store.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken))!.Received.ShouldBe(100);
    }

    [Fact]
    public async Task A_new_upload_over_the_size_limits_is_refused()
    {
        using var small = new SpoolHarness(options => options.MaxUserBytes = 1000);
        var user = SpoolHarness.NewUser();

        (await Should.ThrowAsync<UploadTooLargeException>(() => small.CreateAsync(user, 1001)))
            .Message.ShouldContain("over the largest this server takes, 1000 bytes");
        await small.CreateAsync(user, 600);
        (await Should.ThrowAsync<UploadTooLargeException>(() => small.CreateAsync(user, 600)))
            .Message.ShouldContain("Your uploads hold 600 bytes; 600 more would pass the 1000 bytes");
    }

    [Fact]
    public async Task A_cut_connection_keeps_the_bytes_that_arrived_and_the_upload_resumes_from_them()
    {
        var user = SpoolHarness.NewUser();
        var content = Content(500);
        var upload = await _spool.CreateAsync(user, content.Length);
        var body = new ScriptedBody(content, head: 200, cutAfterHead: true);
        body.Release();

        (await _spool.WriteAsync(user, upload.UploadId, 0, body)).ShouldBe(200, "the 200 bytes before the cut are kept");

        (await _spool.WriteAsync(user, upload.UploadId, 200, content[200..])).ShouldBe(500);
        (await File.ReadAllBytesAsync(_spool.Spool.FileOf(user, upload.UploadId), TestContext.Current.CancellationToken)).ShouldBe(content);
    }

    [Fact]
    public async Task Of_two_concurrent_writes_one_wins_and_the_other_is_a_conflict()
    {
        var (user, content, upload, first, writing) = await StartStalledWriteAsync(head: 100);

        // The second request resumes from the offset the upload reports, as a client after HEAD does.
        var reported = (await _spool.Store.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken))!.Received;
        (await Should.ThrowAsync<UploadConflictException>(() => _spool.WriteAsync(user, upload.UploadId, reported, content[(int)reported..])))
            .Message.ShouldContain("Another request is writing upload");

        first.Release();
        (await writing).ShouldBe(300);
        (await File.ReadAllBytesAsync(_spool.Spool.FileOf(user, upload.UploadId), TestContext.Current.CancellationToken)).ShouldBe(content);
    }

    [Fact]
    public async Task A_writer_that_stalled_past_its_lease_cannot_record_and_no_one_writes_under_it()
    {
        var (user, content, upload, stalled, stalledWrite) = await StartStalledWriteAsync(head: 64);

        // Once the lease ran out another request may take the upload, but not the stalled writer's open file.
        var taken = await Poll.UntilAsync(
            async _ => await Record.ExceptionAsync(() => _spool.WriteAsync(user, upload.UploadId, 64, content[64..])),
            error => error is UploadConflictException { Message: var message } && message.Contains("still has upload", StringComparison.Ordinal),
            "the stalled writer's lease to run out",
            error => error?.Message ?? "the second write went through",
            TimeSpan.FromSeconds(10),
            TestContext.Current.CancellationToken);
        taken.ShouldNotBeNull();

        stalled.Release();
        (await Should.ThrowAsync<UploadConflictException>(() => stalledWrite)).Message.ShouldContain("lost upload");
        (await _spool.Store.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken))!.Received.ShouldBe(64, "only what was synced before the lease ran out counts");

        (await _spool.WriteAsync(user, upload.UploadId, 64, content[64..])).ShouldBe(300);
        (await File.ReadAllBytesAsync(_spool.Spool.FileOf(user, upload.UploadId), TestContext.Current.CancellationToken)).ShouldBe(content);
    }

    [Fact]
    public async Task Another_user_can_neither_see_nor_write_nor_delete_an_upload()
    {
        var owner = SpoolHarness.NewUser();
        var stranger = SpoolHarness.NewUser();
        var upload = await _spool.CreateAsync(owner, 100);

        (await _spool.Store.GetAsync(stranger, upload.UploadId, TestContext.Current.CancellationToken)).ShouldBeNull();
        await Should.ThrowAsync<UploadNotFoundException>(() => _spool.WriteAsync(stranger, upload.UploadId, 0, Content(10)));
        (await _spool.Store.DeleteAsync(stranger, upload.UploadId, TestContext.Current.CancellationToken)).ShouldBeFalse();
        (await ImportDatabase.ScalarAsUserAsync<long>(stranger, "SELECT count(*) FROM imports.uploads WHERE upload_id = $1", upload.UploadId))
            .ShouldBe(0, "row-level security hides the row from another user");

        (await _spool.Store.GetAsync(owner, upload.UploadId, TestContext.Current.CancellationToken)).ShouldNotBeNull().Received.ShouldBe(0);
    }

    [Fact]
    public async Task Deleting_an_upload_removes_its_row_and_file()
    {
        var user = SpoolHarness.NewUser();
        var upload = await _spool.CreateAsync(user, 100);
        await _spool.WriteAsync(user, upload.UploadId, 0, Content(10));

        (await _spool.Store.DeleteAsync(user, upload.UploadId, TestContext.Current.CancellationToken)).ShouldBeTrue();

        File.Exists(_spool.Spool.FileOf(user, upload.UploadId)).ShouldBeFalse();
        (await _spool.Table.GetAsync(user, upload.UploadId, TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    public void Dispose() => _spool.Dispose();

    /// <summary>A write of 300 bytes to a new upload that has sent <paramref name="head"/> bytes and waits for its body's release.</summary>
    private async Task<(string User, byte[] Content, Upload Upload, ScriptedBody Body, Task<long> Write)> StartStalledWriteAsync(int head)
    {
        var user = SpoolHarness.NewUser();
        var content = Content(300);
        var upload = await _spool.CreateAsync(user, content.Length);
        var body = new ScriptedBody(content, head);
        var write = _spool.WriteAsync(user, upload.UploadId, 0, body);
        await body.HeadRead.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return (user, content, upload, body, write);
    }
}

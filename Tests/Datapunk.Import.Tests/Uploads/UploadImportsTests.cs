using System.IO.Compression;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>How finished uploads become an import's inputs: read from the spool, known by the names their uploaders gave.</summary>
public sealed class UploadImportsTests : IDisposable
{
    private readonly SpoolHarness _spool = new();

    [Fact]
    public async Task A_finished_upload_is_read_from_its_spool_file_and_known_by_its_uploaded_name()
    {
        var user = SpoolHarness.NewUser();
        var upload = await UploadAsync(user, [1, 2, 3], "../../etc/Records.json");

        var input = (await _spool.Imports.ResolveAsync(user, [upload], TestContext.Current.CancellationToken)).ShouldHaveSingleItem();

        input.Path.ShouldBe(_spool.Spool.FileOf(user, upload));
        input.Name.ShouldBe("Records.json", "only the last segment of what the uploader sent is kept, and only as a name");
    }

    [Fact]
    public async Task An_archive_uploaded_without_a_telling_name_is_known_by_what_its_bytes_show()
    {
        var user = SpoolHarness.NewUser();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("Takeout/x.json");
        }

        var upload = await UploadAsync(user, zip.ToArray(), fileName: null);

        var input = (await _spool.Imports.ResolveAsync(user, [upload], TestContext.Current.CancellationToken)).ShouldHaveSingleItem();
        input.Name.ShouldBe($"upload-{upload:N}.zip");
    }

    [Fact]
    public async Task Unfinished_repeated_and_unknown_uploads_are_refused_by_id()
    {
        var user = SpoolHarness.NewUser();
        var unfinished = await _spool.CreateAsync(user, 10);
        var finished = await UploadAsync(user, [1], "a.json");
        var unknown = Guid.NewGuid();

        (await Should.ThrowAsync<ImportInputRefusedException>(() => _spool.Imports.ResolveAsync(user, [finished, unfinished.UploadId], TestContext.Current.CancellationToken)))
            .Message.ShouldBe($"Upload {unfinished.UploadId} is not finished: 0 of 10 bytes arrived. Resume it (HEAD, then PATCH) before importing it.");
        (await Should.ThrowAsync<ImportInputRefusedException>(() => _spool.Imports.ResolveAsync(user, [finished, finished], TestContext.Current.CancellationToken)))
            .Message.ShouldBe($"Upload {finished} is named twice.");
        (await Should.ThrowAsync<UploadNotFoundException>(() => _spool.Imports.ResolveAsync(user, [unknown], TestContext.Current.CancellationToken)))
            .Message.ShouldContain(unknown.ToString());
        await Should.ThrowAsync<UploadNotFoundException>(() => _spool.Imports.ResolveAsync(SpoolHarness.NewUser(), [finished], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Releasing_removes_the_uploads_unless_the_originals_are_kept()
    {
        var user = SpoolHarness.NewUser();
        var removed = await UploadAsync(user, [1], "a.json");
        var kept = await UploadAsync(user, [2], "b.json");
        var importId = Guid.NewGuid();
        await _spool.Imports.ClaimAsync(user, [removed, kept], importId, TestContext.Current.CancellationToken);

        await _spool.Imports.ReleaseAsync(user, [kept], keepOriginals: true, TestContext.Current.CancellationToken);
        await _spool.Imports.ReleaseAsync(user, [removed], keepOriginals: false, TestContext.Current.CancellationToken);

        (await _spool.Table.GetAsync(user, removed, TestContext.Current.CancellationToken)).ShouldBeNull();
        File.Exists(_spool.Spool.FileOf(user, removed)).ShouldBeFalse();
        var original = (await _spool.Table.GetAsync(user, kept, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        (original.ImportId, original.ExpiresAt).ShouldBe((importId, null));
        File.Exists(_spool.Spool.FileOf(user, kept)).ShouldBeTrue();
    }

    private async Task<Guid> UploadAsync(string user, byte[] content, string? fileName)
    {
        var upload = await _spool.CreateAsync(user, content.Length, fileName);
        await _spool.WriteAsync(user, upload.UploadId, 0, content);
        return upload.UploadId;
    }

    public void Dispose() => _spool.Dispose();
}

using Datapunk.Lake.Uploads;
using Microsoft.Extensions.Logging.Abstractions;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>
/// Expired uploads are gone at once for their owner and removed, row and file, by the sweeper, as are
/// spool files whose upload is gone. Silos of other tests sweep the same table meanwhile (not their
/// spools): an expired row one of them deleted first leaves its file to this sweeper as an orphan.
/// </summary>
public sealed class ExpiredUploadsTests : IDisposable
{
    private readonly SpoolHarness _expiring = new(options => options.Expiry = TimeSpan.FromMilliseconds(1));
    private readonly SpoolHarness _lasting = new();

    [Fact]
    public async Task An_expired_upload_is_gone_and_the_sweeper_removes_its_row_and_file_but_not_a_live_one()
    {
        var user = SpoolHarness.NewUser();
        var expired = await _expiring.CreateAsync(user, 100);
        var live = await _lasting.CreateAsync(user, 100);
        await _lasting.WriteAsync(user, live.UploadId, 0, new byte[10]);
        Directory.CreateDirectory(_expiring.Spool.FolderOf(user));
        File.WriteAllBytes(_expiring.Spool.FileOf(user, expired.UploadId), new byte[10]);

        (await _expiring.Store.GetAsync(user, expired.UploadId, TestContext.Current.CancellationToken)).ShouldBeNull("an expired upload is not shown");
        await Should.ThrowAsync<UploadNotFoundException>(() => _expiring.WriteAsync(user, expired.UploadId, 0, new byte[10]));

        var sweeper = new ExpiredUploadsSweeper(_expiring.Table, _expiring.Spool, _expiring.Options, NullLogger<ExpiredUploadsSweeper>.Instance);
        (await sweeper.SweepAsync(TestContext.Current.CancellationToken)).ShouldBeGreaterThanOrEqualTo(1);

        (await _expiring.Table.GetAsync(user, expired.UploadId, TestContext.Current.CancellationToken)).ShouldBeNull("the expired row is deleted");
        File.Exists(_expiring.Spool.FileOf(user, expired.UploadId)).ShouldBeFalse("the expired file is deleted");
        (await _lasting.Table.GetAsync(user, live.UploadId, TestContext.Current.CancellationToken)).ShouldNotBeNull().Received.ShouldBe(10);
    }

    [Fact]
    public async Task A_spool_file_untouched_for_the_expiry_whose_upload_is_gone_is_removed_and_nothing_else()
    {
        var user = SpoolHarness.NewUser();
        var live = await _lasting.CreateAsync(user, 100);
        await _lasting.WriteAsync(user, live.UploadId, 0, new byte[10]);
        var longAgo = DateTime.UtcNow - _lasting.Options.Expiry - TimeSpan.FromHours(1);
        var liveFile = _lasting.Spool.FileOf(user, live.UploadId);
        File.SetLastWriteTimeUtc(liveFile, longAgo);
        var orphan = SpoolFile(user, Guid.NewGuid(), longAgo);
        var recentOrphan = SpoolFile(user, Guid.NewGuid(), DateTime.UtcNow);
        var notAnUpload = Path.Combine(_lasting.Spool.FolderOf(user), "notes.txt");
        File.WriteAllBytes(notAnUpload, new byte[10]);
        File.SetLastWriteTimeUtc(notAnUpload, longAgo);

        var sweeper = new ExpiredUploadsSweeper(_lasting.Table, _lasting.Spool, _lasting.Options, NullLogger<ExpiredUploadsSweeper>.Instance);
        (await sweeper.SweepAsync(TestContext.Current.CancellationToken)).ShouldBeGreaterThanOrEqualTo(1);

        File.Exists(orphan).ShouldBeFalse("no upload holds it and it was untouched for the expiry");
        File.Exists(liveFile).ShouldBeTrue("its upload still exists, however old the file");
        File.Exists(recentOrphan).ShouldBeTrue("written within the expiry");
        File.Exists(notAnUpload).ShouldBeTrue("its name is no upload id");
    }

    private string SpoolFile(string user, Guid uploadId, DateTime writtenUtc)
    {
        var file = _lasting.Spool.FileOf(user, uploadId);
        File.WriteAllBytes(file, new byte[10]);
        File.SetLastWriteTimeUtc(file, writtenUtc);
        return file;
    }

    public void Dispose()
    {
        _expiring.Dispose();
        _lasting.Dispose();
    }
}

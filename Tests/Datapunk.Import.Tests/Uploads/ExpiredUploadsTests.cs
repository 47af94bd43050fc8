using Datapunk.Lake.Uploads;
using Microsoft.Extensions.Logging.Abstractions;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>Expired uploads are gone at once for their owner and removed, row and file, by the sweeper.</summary>
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

    public void Dispose()
    {
        _expiring.Dispose();
        _lasting.Dispose();
    }
}

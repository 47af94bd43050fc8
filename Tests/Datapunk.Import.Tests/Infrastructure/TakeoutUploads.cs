namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>A Takeout of location fixes (<see cref="LocationHistoryWriter"/>) uploaded over tus in two PATCHes, as a browser would.</summary>
internal static class TakeoutUploads
{
    /// <summary>Uploads a Takeout of <paramref name="fixes"/> fixes made in <paramref name="temp"/>; returns the upload id.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, TempFolder temp, int fixes)
    {
        var zip = await File.ReadAllBytesAsync(
            ArchiveBuilder.Zip(temp.File($"{Guid.NewGuid():N}.zip"), ("Takeout/Location History/Records.json", LocationHistoryWriter.Bytes((0, fixes)))),
            TestContext.Current.CancellationToken);
        var upload = await TusCalls.CreatedAsync(client, zip.Length, "takeout-001.zip");
        var half = zip.Length / 2;
        (await TusCalls.PatchAsync(client, upload, 0, zip[..half])).Dispose();
        using var rest = await TusCalls.PatchAsync(client, upload, half, zip[half..]);
        TusCalls.OffsetOf(rest).ShouldBe(zip.Length);
        return TusCalls.IdOf(upload);
    }
}

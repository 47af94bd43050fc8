using System.Text;

namespace Datapunk.Grains.Tests.Users;

/// <summary>
/// Imports through the user grain from the user's uploads: the grain reads only the user's own
/// finished uploads, the uploads leave the spool when the import ends (unless kept), and another
/// user's import does not exist for this user's grain.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class UserImportsTests(GrainClusterFixture fixture)
{
    private static readonly byte[] Records = Encoding.UTF8.GetBytes("""
        {"locations":[
          {"latitudeE7":500000000,"longitudeE7":140000000,"timestamp":"2021-03-01T10:00:00Z"},
          {"latitudeE7":500001000,"longitudeE7":140001000,"timestamp":"2021-03-01T10:01:00Z"}
        ]}
        """);

    private SpoolUploads Uploads => new(fixture.Database.DataSource);

    [Fact]
    public async Task An_import_of_an_upload_completes_and_removes_the_upload_from_the_spool()
    {
        var (name, user) = await NewUserAsync();
        CallerContext.Set(name, AccountRoles.Member);
        var uploadId = await Uploads.UploadAsync(name, Records, "Records.json");
        File.Exists(Uploads.Spool.FileOf(name, uploadId)).ShouldBeTrue("the finished upload is in the spool");

        var done = await ImportAsync(user, [uploadId], keepOriginals: false);

        done.Status.ShouldBe(ImportState.Completed, done.Message);
        done.Records["location_points"].ShouldBe(2);
        done.Paths.ShouldBe(["Records.json"], "an upload is reported by the name it was uploaded as, never by its spool path");
        (await user.GetImportFilesAsync(done.ImportId, null, 0)).ShouldNotBeNull().ShouldHaveSingleItem().File.ShouldBe("Records.json!Records.json");
        File.Exists(Uploads.Spool.FileOf(name, uploadId)).ShouldBeFalse("the spool file is removed when the import ends");
        (await Uploads.FindAsync(name, uploadId)).ShouldBeNull("the upload's row is removed with it");
    }

    [Fact]
    public async Task Keeping_originals_leaves_the_upload_in_the_spool()
    {
        var (name, user) = await NewUserAsync();
        CallerContext.Set(name, AccountRoles.Member);
        var uploadId = await Uploads.UploadAsync(name, Records, "Records.json");

        var done = await ImportAsync(user, [uploadId], keepOriginals: true);

        done.Status.ShouldBe(ImportState.Completed, done.Message);
        File.Exists(Uploads.Spool.FileOf(name, uploadId)).ShouldBeTrue("kept originals stay in the spool");
        var kept = (await Uploads.FindAsync(name, uploadId)).ShouldNotBeNull();
        kept.ImportId.ShouldBe(done.ImportId);
        kept.ExpiresAt.ShouldBeNull("a kept original does not expire");
    }

    [Fact]
    public async Task Only_the_users_own_finished_uploads_can_be_imported()
    {
        var (name, user) = await NewUserAsync();
        var (otherName, _) = await NewUserAsync();
        var othersUpload = await Uploads.UploadAsync(otherName, Records, "Records.json");
        var unfinished = await Uploads.UploadAsync(name, Records, "Records.json", written: 10);
        var unknown = Guid.NewGuid();
        CallerContext.Set(name, AccountRoles.Member);

        (await Should.ThrowAsync<UploadNotFoundException>(() => user.StartImportFromUploadsAsync([othersUpload], false)))
            .Message.ShouldContain(othersUpload.ToString());
        (await Should.ThrowAsync<UploadNotFoundException>(() => user.StartImportFromUploadsAsync([unknown], false)))
            .Message.ShouldContain(unknown.ToString());
        (await Should.ThrowAsync<ImportInputRefusedException>(() => user.StartImportFromUploadsAsync([unfinished], false)))
            .Message.ShouldContain($"Upload {unfinished} is not finished: 10 of {Records.Length} bytes");
        (await Uploads.FindAsync(otherName, othersUpload)).ShouldNotBeNull().ImportId.ShouldBeNull("the other user's upload was not touched");
    }

    [Fact]
    public async Task Another_users_import_does_not_exist_for_this_users_grain()
    {
        var (owner, ownerGrain) = await NewUserAsync();
        var (strangerName, stranger) = await NewUserAsync();
        CallerContext.Set(owner, AccountRoles.Member);
        var done = await ImportAsync(ownerGrain, [await Uploads.UploadAsync(owner, Records, "Records.json")], keepOriginals: false);

        CallerContext.Set(strangerName, AccountRoles.Member);
        (await stranger.GetImportAsync(done.ImportId)).ShouldBeNull();
        (await stranger.GetImportFilesAsync(done.ImportId, null, 0)).ShouldBeNull();
        (await stranger.CancelImportAsync(done.ImportId)).ShouldBeNull();
        CallerContext.Set(owner, AccountRoles.Member);
        (await ownerGrain.GetImportAsync(done.ImportId)).ShouldNotBeNull().ImportId.ShouldBe(done.ImportId);
    }

    [Fact]
    public async Task Server_side_paths_are_read_only_inside_the_allowed_roots()
    {
        var (name, user) = await NewUserAsync();
        CallerContext.Set(name, AccountRoles.Member);
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(outside, Records, TestContext.Current.CancellationToken);
        try
        {
            var escape = Path.Combine(Path.GetTempPath(), "datapunk-tests", "..", Path.GetFileName(outside));
            (await Should.ThrowAsync<ImportInputRefusedException>(() => user.StartImportAsync([escape])))
                .Message.ShouldContain($"'{escape}' is outside the server-side import folders");
        }
        finally
        {
            File.Delete(outside);
        }
    }

    /// <summary>Creates a user as that user (the call filter asks who calls); the caller set here does not flow back to the test, which names its caller itself.</summary>
    private async Task<(string Name, IUserGrain Grain)> NewUserAsync()
    {
        var name = $"u-{Guid.NewGuid():N}"[..20];
        CallerContext.Set(name, AccountRoles.Member);
        var user = fixture.Grains.GetGrain<IUserGrain>(name);
        await user.CreateAsync(new CreateUser("Uploader", null));
        return (name, user);
    }

    private static async Task<ImportProgress> ImportAsync(IUserGrain user, IReadOnlyList<Guid> uploads, bool keepOriginals)
    {
        var importId = await user.StartImportFromUploadsAsync(uploads, keepOriginals);
        var done = await Poll.UntilAsync(
            _ => user.GetImportAsync(importId),
            progress => progress is not null && progress.Status.IsFinished(),
            $"import {importId} to finish",
            progress => $"{progress?.Status} {progress?.Message}",
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);
        return done!;
    }
}

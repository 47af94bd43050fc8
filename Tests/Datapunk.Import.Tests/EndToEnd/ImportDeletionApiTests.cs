using System.Net;
using System.Net.Http.Json;
using Datapunk.Import.Tests.Identity;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary>
/// <c>DELETE /api/v1/imports/{id}</c> in a silo: a dry run that changes nothing, a deletion refused while another file's
/// copies could not be restored, the deletion that reads a later export's kept original again so its records all stay,
/// an audit entry, a repeat that finds nothing to do, and another person's import that does not exist.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ImportDeletionApiTests(SiloFixture silo) : IDisposable
{
    private const int Fixes = 60;

    private readonly TempFolder _temp = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 300_000)]
    public async Task Deleting_a_takeout_keeps_what_a_phone_export_with_a_kept_original_also_holds()
    {
        var user = ImportDatabase.NewUser("del-api");
        using var client = await silo.NewMemberAsync(user);
        using var stranger = await silo.NewMemberAsync(ImportDatabase.NewUser("del-api-x"));
        var takeout = await ImportAsync(client, "takeout.zip", "records", keepOriginals: false);
        var phone = await ImportAsync(client, "phone.zip", "android", keepOriginals: false);
        var before = await ImportDatabase.CountsAsync(user);

        (await DeleteAsync(stranger, $"{takeout}?dryRun=true")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another person's import does not exist");
        (await DeleteAsync(stranger, $"{takeout}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DeleteAsync(client, $"{takeout}?file=999999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nor a file the import does not have");

        var preview = await OkAsync(await DeleteAsync(client, $"{takeout}?dryRun=true"));
        preview.Deleted.ShouldBeFalse();
        preview.Records.ShouldBe(new Dictionary<string, long> { ["location_points"] = Fixes }, ignoreOrder: true);
        var lost = preview.Overlapping.ShouldHaveSingleItem();
        (lost.ImportId, lost.Rereadable).ShouldBe((phone, false), "the phone export's original was not kept");
        using (var refused = await DeleteAsync(client, $"{takeout}"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.Content.ReadAsStringAsync(Cancel)).ShouldContain(lost.Path);
        }

        (await ImportDatabase.CountsAsync(user)).ShouldBe(before, ignoreOrder: true, "neither the dry run nor the refusal changed anything");

        // The same phone export again, its original kept this time: it becomes the file that can restore them.
        await DeleteOkAsync(client, $"{phone}?acceptLoss=true");
        var kept = await ImportAsync(client, "phone-again.zip", "android", keepOriginals: true);
        var restorable = (await OkAsync(await DeleteAsync(client, $"{takeout}?dryRun=true"))).Overlapping.ShouldHaveSingleItem();
        (restorable.ImportId, restorable.Rereadable).ShouldBe((kept, true));

        var deleted = await DeleteOkAsync(client, $"{takeout}");
        deleted.Records.ShouldBe(preview.Records, ignoreOrder: true, "what the preview counted is what went");
        var reread = await ImportsCalls.WaitAsync(client, deleted.RereadImportId ?? throw new ShouldAssertException("no re-read was started"));
        reread.Status.ShouldBe(ImportState.Completed, reread.Message);
        reread.Records["location_points"].ShouldBe(Fixes, "the phone's own copies of the fixes are stored again");
        (await ImportDatabase.CountsAsync(user)).ShouldBe(before, ignoreOrder: true, "every record the phone export holds is there");
        (await ImportDatabase.ScalarAsync<long>(
            "SELECT count(*) FROM archive.audit_log WHERE subject = $1 AND action = 'imports.delete' AND record_count = $2", user, (long)Fixes))
            .ShouldBe(1, "the deletion is audited with the rows it removed");

        var repeated = await DeleteOkAsync(client, $"{takeout}");
        (repeated.Records.Count, repeated.Overlapping.Count, repeated.RereadImportId).ShouldBe((0, 0, (Guid?)null), "a repeated deletion finds nothing to do");
    }

    private async Task<Guid> ImportAsync(HttpClient client, string name, string format, bool keepOriginals)
    {
        var zip = await File.ReadAllBytesAsync(ArchiveBuilder.Zip(_temp.File(name), [SameDayExports.Entry(format, 0, Fixes - 1)]), Cancel);
        var upload = await TusCalls.CreatedAsync(client, zip.Length, name);
        using var sent = await TusCalls.PatchAsync(client, upload, 0, zip);
        var done = await ImportsCalls.ImportUploadsAsync(client, [TusCalls.IdOf(upload)], keepOriginals);
        done.Status.ShouldBe(ImportState.Completed, done.Message);
        return done.ImportId;
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string importAndQuery) =>
        client.DeleteAsync($"{ImportsCalls.Imports}/{importAndQuery}", Cancel);

    private static async Task<ImportDeletion> DeleteOkAsync(HttpClient client, string importAndQuery) =>
        await OkAsync(await DeleteAsync(client, importAndQuery));

    private static async Task<ImportDeletion> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
            return (await response.Content.ReadFromJsonAsync<ImportDeletion>(Cancel)).ShouldNotBeNull();
        }
    }

    public void Dispose() => _temp.Dispose();
}

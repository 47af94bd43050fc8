using System.Net;

namespace Datapunk.Import.Tests.Uploads;

/// <summary>
/// An upload outlives its silo: killed mid-PATCH, the silo leaves an offset that counts only bytes
/// synced to the spool, and another silo of the cluster (same spool, same table) takes the upload on
/// from there once the dead writer's lease has run out.
/// </summary>
public sealed class UploadFailoverTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Spool__CheckpointBytes"] = "65536",
        ["Spool__WriterLease"] = "00:00:02",
    };

    [Fact]
    public async Task After_the_silo_is_killed_mid_upload_another_silo_resumes_it_from_the_synced_offset()
    {
        var clusterId = $"upload-failover-{Guid.NewGuid():N}"[..26];
        await using var doomed = await ImportSilo.StartAsync(clusterId, Settings);
        await using var survivor = await ImportSilo.StartAsync(clusterId, Settings);
        var user = ImportDatabase.NewUser("failover");
        using var onDoomed = await SiloUsers.NewMemberAsync(doomed.Gateway, clusterId, user);
        using var onSurvivor = SiloUsers.OnGateway(onDoomed, survivor.Gateway);
        var content = Enumerable.Range(0, 8 << 20).Select(i => (byte)(i % 253)).ToArray();
        var upload = await TusCalls.CreatedAsync(onDoomed, content.Length, "takeout-001.zip");

        // 3 MB reach the doomed silo, then the client goes quiet mid-body.
        var body = new ScriptedBody(content, head: 3 << 20);
        var patching = TusCalls.PatchAsync(onDoomed, upload, 0, new StreamContent(body));
        await Poll.UntilAsync(
            async _ => await TusCalls.OffsetAsync(onSurvivor, upload) ?? -1,
            offset => offset >= 2 << 20,
            "the doomed silo to record 2 MB of the upload",
            offset => $"offset {offset}",
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);
        await doomed.KillAsync();
        body.Release();
        (await Record.ExceptionAsync(() => patching)).ShouldNotBeNull("the PATCH died with its silo");

        var recorded = (await TusCalls.OffsetAsync(onSurvivor, upload)).ShouldNotBeNull();
        recorded.ShouldBeInRange(2L << 20, 3L << 20, "what was recorded before the kill, never more than was sent");
        var spoolFile = Path.Combine(TestFolders.Spools, clusterId, user, TusCalls.IdOf(upload).ToString("N"));
        var onDisk = await File.ReadAllBytesAsync(spoolFile, TestContext.Current.CancellationToken);
        onDisk.Length.ShouldBeGreaterThanOrEqualTo((int)recorded, "every byte the offset counts is on disk");
        onDisk.AsSpan(0, (int)recorded).SequenceEqual(content.AsSpan(0, (int)recorded)).ShouldBeTrue("and they are the bytes sent");

        // The dead writer's lease runs out (2 s); until then the survivor answers 409 and the client asks again.
        var resumed = await Poll.UntilAsync(
            async _ =>
            {
                var offset = (await TusCalls.OffsetAsync(onSurvivor, upload)).ShouldNotBeNull();
                using var rest = await TusCalls.PatchAsync(onSurvivor, upload, offset, content[(int)offset..]);
                return (offset, rest.StatusCode);
            },
            attempt => attempt.StatusCode == HttpStatusCode.NoContent,
            "the survivor to take the rest of the upload",
            attempt => $"PATCH at {attempt.offset}: {attempt.StatusCode}",
            TimeSpan.FromSeconds(30),
            TestContext.Current.CancellationToken);

        resumed.offset.ShouldBe(recorded, "the survivor continued where the synced bytes end");
        (await File.ReadAllBytesAsync(spoolFile, TestContext.Current.CancellationToken)).ShouldBe(content);
    }
}

using System.Globalization;
using System.Text;

namespace Datapunk.Import.Tests.EndToEnd;

/// <summary>A 2 GB single-line Records.json through a silo of its own: it streams, and the silo's memory stays bounded.</summary>
public sealed class LargeInputTests : IDisposable
{
    private const long TwoGigabytes = 2L << 30;
    private const long PeakMemoryLimit = 300L << 20;

    private readonly TempFolder _temp = new();

    [Fact(Timeout = 600_000)]
    public async Task A_2_GB_single_line_JSON_file_streams_in_bounded_memory()
    {
        var path = _temp.File("Records.json");
        var fixes = WriteSingleLineRecords(path, TwoGigabytes, paddingBytes: 64 << 10);
        var user = ImportDatabase.NewUser("twogb");
        await using var silo = await ImportSilo.StartAsync($"import-large-{Guid.NewGuid():N}"[..26]);
        using var client = new Datapunk.Client.DatapunkGatewayClient(silo.Gateway, silo.AdminToken, TimeSpan.FromSeconds(30));
        await client.EnsureUserAsync(user, TestContext.Current.CancellationToken);
        client.ActAs(user);

        var started = await client.StartImportOfPathsAsync([path], TestContext.Current.CancellationToken);
        var report = await Deadlines.PollAsync(
            token => client.GetImportAsync(started.ImportId, token),
            progress => progress.Status.IsFinished(),
            "the 2 GB import to finish",
            progress => $"{progress?.Status}, {progress?.BytesDone:N0} bytes\n{silo.Describe(40)}",
            TimeSpan.FromMinutes(8));

        new FileInfo(path).Length.ShouldBeGreaterThan(TwoGigabytes);
        report.Status.ShouldBe(ImportState.Completed, report.Message);
        report.Records["location_points"].ShouldBe(fixes);
        report.BytesDone.ShouldBe(new FileInfo(path).Length);
        report.UnknownFields.ShouldBe(1, "the padding field, reported once");
        report.PeakMemoryBytes.ShouldBeLessThan(PeakMemoryLimit, $"peak {report.PeakMemoryBytes:N0} bytes");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Writes <c>{"locations":[…]}</c> on one line, each fix carrying a large unknown field, until the file passes <paramref name="size"/>.</summary>
    private static long WriteSingleLineRecords(string path, long size, int paddingBytes)
    {
        var padding = new string('x', paddingBytes);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 20);
        writer.Write("{\"locations\":[");
        long fixes = 0;
        while (file.Position < size)
        {
            if (fixes > 0)
            {
                writer.Write(',');
            }

            var time = LocationHistoryWriter.Time(fixes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{{\"latitudeE7\":{473_000_000 + fixes},\"longitudeE7\":{85_000_000 + fixes},\"timestamp\":\"{time}\",\"padding\":\"{padding}\"}}"));
            fixes++;
            if (fixes % 256 == 0)
            {
                writer.Flush();
            }
        }

        writer.Write("]}");
        return fixes;
    }
}

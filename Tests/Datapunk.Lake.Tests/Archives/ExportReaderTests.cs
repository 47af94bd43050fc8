using System.IO.Compression;
using Datapunk.Lake.Archives;

namespace Datapunk.Lake.Tests.Archives;

public sealed class ExportReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Reads_zip_entries_in_place_and_refuses_names_that_leave_the_archive()
    {
        var zip = _temp.File("takeout-001.zip");
        ArchiveBuilder.Zip(zip,
            ("Takeout/Chrome/History.json", ArchiveBuilder.Text("{}")),
            ("../../etc/evil.json", ArchiveBuilder.Text("{}")),
            ("/abs/evil.json", ArchiveBuilder.Text("{}")),
            ("Takeout/Keep/note.json", ArchiveBuilder.Text("{\"title\":\"x\"}")));

        var (entries, rejected) = await ReadAsync(zip);

        entries.ShouldBe(["Takeout/Chrome/History.json=2", "Takeout/Keep/note.json=13"]);
        rejected.Count.ShouldBe(2);
        rejected.ShouldContain(r => r.Contains("climbs out of the archive") && r.Contains("../../etc/evil.json"));
        rejected.ShouldContain(r => r.Contains("absolute path"));
    }

    [Fact]
    public async Task Stops_a_zip_bomb_at_the_compression_ratio_limit()
    {
        var zip = _temp.File("bomb.zip");
        ArchiveBuilder.Zip(zip, CompressionLevel.SmallestSize, ("Takeout/bomb.json", new byte[64 << 20]));

        var exception = await Should.ThrowAsync<ArchiveLimitException>(() => ReadAsync(zip));

        exception.Message.ShouldContain("Takeout/bomb.json");
        exception.Message.ShouldContain("zip bomb");
    }

    [Fact]
    public async Task Stops_when_the_import_total_budget_is_spent()
    {
        var zip = _temp.File("big.zip");
        var random = new byte[3 << 20];
        new Random(7).NextBytes(random);
        ArchiveBuilder.Zip(zip, ("a.bin", random), ("b.bin", random));
        var limits = new ArchiveLimits { MaxTotalBytes = 4 << 20 };

        var exception = await Should.ThrowAsync<ArchiveLimitException>(() => ReadAsync(zip, limits));

        exception.Message.ShouldContain("total limit");
        exception.Message.ShouldContain("b.bin");
    }

    [Fact]
    public async Task Says_a_truncated_zip_should_be_downloaded_again()
    {
        var zip = _temp.File("takeout-002.zip");
        ArchiveBuilder.Zip(zip, ("Takeout/a.json", ArchiveBuilder.Text(new string('a', 100_000))));
        var bytes = await File.ReadAllBytesAsync(zip, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(zip, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);

        var exception = await Should.ThrowAsync<InvalidDataException>(() => ReadAsync(zip));

        exception.Message.ShouldContain("takeout-002.zip");
        exception.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task Reads_tgz_archives_and_extracted_folders_alike()
    {
        var tgz = _temp.File("takeout.tgz");
        ArchiveBuilder.TarGz(tgz, ("Takeout/Fit/a.csv", ArchiveBuilder.Text("Date\n")), ("../x", ArchiveBuilder.Text("no")));
        File.WriteAllText(_temp.File("folder/Takeout/Keep/n.json"), "{}");

        var (tarEntries, tarRejected) = await ReadAsync(tgz);
        var (folderEntries, _) = await ReadAsync(Path.Combine(_temp.Path, "folder"));

        tarEntries.ShouldBe(["Takeout/Fit/a.csv=5"]);
        tarRejected.Count.ShouldBe(1);
        folderEntries.ShouldBe(["Takeout/Keep/n.json=2"]);
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<(List<string> Entries, List<string> Rejected)> ReadAsync(string path, ArchiveLimits? limits = null)
    {
        limits ??= ArchiveLimits.Default;
        var entries = new List<string>();
        var rejected = new List<string>();
        await new ExportReader(limits, new ExpansionBudget(limits)).ReadAsync(
            path,
            async (entry, content, token) =>
            {
                var length = 0L;
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, token)) > 0)
                {
                    length += n;
                }

                entries.Add($"{entry.Path}={length}");
            },
            (source, name, reason) => rejected.Add($"{name}: {reason}"),
            CancellationToken.None);
        return (entries, rejected);
    }
}

using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;

namespace Datapunk.Users.Tests.Infrastructure;

/// <summary>Imports with the real pipeline below the grain (readers, staging, merges), as the import job grain runs it.</summary>
internal static class FixtureImports
{
    /// <summary>Formats whose fixtures (Tests/Datapunk.Lake.Tests/Fixtures) cover several kinds: fixes, visits and segments with positions, mail, notes, events, plays, photos.</summary>
    private static readonly string[] Formats =
    [
        "google.location.records", "google.location.semantic", "google.mail.mbox", "google.keep.note", "google.calendar.ics",
        "spotify.extended-history", "google.photos.sidecar", "google.youtube.history", "discord.messages",
    ];

    /// <summary>A Takeout-like zip of the fixtures of <see cref="Formats"/>.</summary>
    public static string FixtureArchive(TempFolder folder)
    {
        var root = Path.Combine(RepositoryPaths.Root, "Tests", "Datapunk.Lake.Tests", "Fixtures");
        var entries = Formats.SelectMany(format => Directory.EnumerateFiles(Path.Combine(root, format), "*", SearchOption.AllDirectories)
                .Select(file => ($"Takeout/{Path.GetRelativePath(Path.Combine(root, format), file).Replace('\\', '/')}", File.ReadAllBytes(file))))
            .DistinctBy(entry => entry.Item1)
            .ToArray();
        return ArchiveBuilder.Zip(folder.File("takeout.zip"), entries);
    }

    /// <summary>Imports <paramref name="path"/> for <paramref name="userId"/> to its end; fails the test unless it completed.</summary>
    public static async Task<ImportTotals> ImportAsync(string userId, string path)
    {
        await PrivacyDatabase.MigrateAsync();
        var silos = PrivacyDatabase.DataSource;
        var (_, outcome, _) = await InProcessImport.RunAsync(
            silos, ImportWriterDataSource.SharedWith(silos), new LocationPartitions(silos), userId, [path], TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        outcome.End.ShouldBe(ImportRunEnd.Completed, $"the import of {path} for {userId} ended {outcome.End}: {outcome.Message}\n{outcome.Error}");
        return outcome.Totals!;
    }
}

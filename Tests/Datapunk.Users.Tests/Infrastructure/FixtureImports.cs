using Datapunk.Grains;
using Datapunk.Lake.Formats;
using Datapunk.Lake.Model;
using Datapunk.Lake.Pipeline;
using Datapunk.Lake.Storage;
using Microsoft.Extensions.Logging.Abstractions;

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

    private static readonly FormatReaderRegistry Readers = new();

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
        var importId = Guid.NewGuid();
        var pipeline = new ImportPipeline(PrivacyDatabase.DataSource, ImportWriterDataSource.SharedWith(PrivacyDatabase.DataSource), Readers, new LocationPartitions(PrivacyDatabase.DataSource), new ImportPipelineOptions(), NullLogger<ImportPipeline>.Instance);
        await new ImportJobsTable(PrivacyDatabase.DataSource).CreateAsync(
            new ImportProgress { ImportId = importId, UserId = userId, Status = ImportState.Created, Paths = [path], CreatedAt = DateTimeOffset.UtcNow },
            TestContext.Current.CancellationToken);
        var run = ImportRun.Start(pipeline, new ImportActivity(new ImportPipelineOptions()), PrivacyDatabase.DataSource, importId, userId, [ImportInput.AtPath(path)], new ImportChunking());
        var outcome = await run.Completion.WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        outcome.End.ShouldBe(ImportRunEnd.Completed, $"the import of {path} for {userId} ended {outcome.End}: {outcome.Message}\n{outcome.Error}");
        return outcome.Totals!;
    }
}

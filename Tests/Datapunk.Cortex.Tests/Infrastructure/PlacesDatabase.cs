using Datapunk.Cortex.Places;
using Npgsql;

namespace Datapunk.Cortex.Tests.Infrastructure;

/// <summary>The Cortex test database with the set-up's gazetteer loaded, once per run.</summary>
internal static class PlacesDatabase
{
    private static readonly Lazy<Task<GazetteerLoad>> Loaded = new(LoadAsync);

    public static PlacesOptions Options { get; } = new();

    /// <summary>The migrated database, the gazetteer in it.</summary>
    public static async Task<NpgsqlDataSource> ReadyAsync()
    {
        await Loaded.Value;
        return await CortexDatabase.MigratedAsync();
    }

    /// <summary>What loading did in this run (nothing when the database held the same file already).</summary>
    public static Task<GazetteerLoad> LoadResultAsync() => Loaded.Value;

    private static async Task<GazetteerLoad> LoadAsync()
    {
        var file = GazetteerFile.Locate(Options);
        if (file is null || !File.Exists(file))
        {
            throw new InvalidOperationException(
                $"No gazetteer file ({file ?? ".datapunk/geo/gazetteer.tsv"}): the set-up writes it (bash scripts/setup.sh, or dp_install_gazetteer in scripts/lib/install.sh).");
        }

        // Loaded as the silos load it: a login that owns no table.
        return await new GazetteerLoader(await CortexDatabase.SiloLoginAsync()).LoadAsync(file, CancellationToken.None);
    }
}

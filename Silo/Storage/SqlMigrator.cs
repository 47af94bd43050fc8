using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Datapunk.Silo.Storage;

/// <summary>
/// Applies versioned SQL scripts embedded in assemblies (<c>Migrations/NNNN_name.sql</c>; one numbering across
/// the assemblies of a component, so the host's and the parts' scripts run in one order) and records them in
/// <c>public.schema_migrations</c>. A session advisory lock makes it safe when several silos start
/// at once; an applied script whose text changed is refused rather than silently skipped.
/// </summary>
public static class SqlMigrator
{
    private const long MigrationLockKey = 0x0DA7_A9C0_0001;

    public static async Task<IReadOnlyList<string>> MigrateAsync(
        NpgsqlDataSource dataSource, string component, IEnumerable<Assembly> assemblies, CancellationToken cancellationToken = default)
    {
        var scripts = LoadScripts(component, assemblies);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS public.schema_migrations (
                    component  text        NOT NULL,
                    version    integer     NOT NULL,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (component, version))
                """, cancellationToken);
            var applied = await ReadAppliedAsync(connection, component, cancellationToken);
            var newlyApplied = new List<string>();
            foreach (var script in scripts)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {component} {script.Name} was changed after it was applied; add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, script.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO public.schema_migrations (component, version, name, checksum) VALUES ($1, $2, $3, $4)", connection))
                {
                    record.Parameters.Add(new() { Value = component });
                    record.Parameters.Add(new() { Value = script.Version });
                    record.Parameters.Add(new() { Value = script.Name });
                    record.Parameters.Add(new() { Value = script.Checksum });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                newlyApplied.Add(script.Name);
            }

            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// The scripts not applied yet, or changed since they were applied, by name: what a silo whose login may
    /// not migrate checks before it starts (it reads <c>public.schema_migrations</c> and changes nothing).
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(
        NpgsqlDataSource dataSource, string component, IEnumerable<Assembly> assemblies, CancellationToken cancellationToken = default)
    {
        var scripts = LoadScripts(component, assemblies);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var applied = await ReadAppliedAsync(connection, component, cancellationToken);
        return [.. scripts.Where(script => applied.GetValueOrDefault(script.Version) != script.Checksum).Select(script => script.Name)];
    }

    private static List<MigrationScript> LoadScripts(string component, IEnumerable<Assembly> assemblies)
    {
        var scripts = assemblies
            .SelectMany(assembly => assembly.GetManifestResourceNames()
                .Where(name => name.EndsWith(".sql", StringComparison.Ordinal) && name.Contains(".Migrations.", StringComparison.Ordinal))
                .Select(name => ParseScript(assembly, name)))
            .OrderBy(script => script.Version)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{component} has two migrations numbered {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        }

        return scripts;
    }

    private static MigrationScript ParseScript(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[(resourceName.LastIndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(fileName[..underscore], out var version))
        {
            throw new InvalidOperationException($"Migration resource {resourceName} must be named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new MigrationScript(version, fileName, sql, checksum);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, string component, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM public.schema_migrations WHERE component = $1", connection);
        command.Parameters.Add(new() { Value = component });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // No command timeout: a migration that rebuilds an index or fills a table takes as long as the
        // data needs (0049 fills the fuzzy-search vocabulary in about 50 s for 10 million records),
        // and Npgsql's default 30 s stopped it half way on every start.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record MigrationScript(int Version, string Name, string Sql, string Checksum);
}

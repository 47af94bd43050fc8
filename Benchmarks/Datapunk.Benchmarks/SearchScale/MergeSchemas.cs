using Npgsql;

namespace Datapunk.Benchmarks.SearchScale;

/// <summary>
/// The text-search schemas of <c>user_data.records</c> the search-merge benchmark compares, set up on
/// the empty table: none (no text index, as before migration 0023), migration 0023's (the
/// three-language document as an index expression, the title trigram index) and the current one
/// (what the migrations made: stored documents and their indexes, read from the catalog first).
/// </summary>
internal sealed class MergeSchemas
{
    public const string None = "no text indexes";
    public const string Migration0023 = "0023: document as index expression";
    public const string Current = "current: stored document";

    // Migration 0023's document, under its own name: every body parsed under all three configurations.
    private static readonly Lazy<string> Document0023 = new(() =>
    {
        var assembly = typeof(Datapunk.Cortex.CortexServiceCollectionExtensions).Assembly;
        var name = assembly.GetManifestResourceNames().Single(resource => resource.EndsWith("0023_search_text_indexes.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var script = reader.ReadToEnd();
        const string Header = "CREATE OR REPLACE FUNCTION user_data.search_document(";
        var start = script.IndexOf(Header, StringComparison.Ordinal);
        var end = script.IndexOf("$$;", script.IndexOf("AS $$", start, StringComparison.Ordinal) + 5, StringComparison.Ordinal) + 2;
        return script[start..end].Replace(Header, "CREATE OR REPLACE FUNCTION user_data.search_document_0023(", StringComparison.Ordinal);
    });

    private readonly NpgsqlDataSource _owner;
    private readonly List<string> _currentColumns;
    private readonly List<string> _currentIndexes;
    private readonly List<string> _columnNames;

    private MergeSchemas(NpgsqlDataSource owner, List<string> columnNames, List<string> columns, List<string> indexes)
    {
        _owner = owner;
        _columnNames = columnNames;
        _currentColumns = columns;
        _currentIndexes = indexes;
    }

    /// <summary>Reads the current schema's generated columns and text-search indexes from the catalog.</summary>
    public static async Task<MergeSchemas> ReadAsync(NpgsqlDataSource owner, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var columns = new List<string>();
        await using (var command = owner.CreateCommand("""
            SELECT a.attname, format('ADD COLUMN %I %s GENERATED ALWAYS AS (%s) STORED', a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid))
            FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = 'user_data.records'::regclass AND a.attgenerated = 's' ORDER BY a.attnum
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
                columns.Add(reader.GetString(1));
            }
        }

        var indexes = new List<string>();
        await using (var command = owner.CreateCommand("""
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'user_data.records'::regclass AND c.relname IN ('records_search_text', 'records_title_trigram', 'records_recent')
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        return new MergeSchemas(owner, names, columns, indexes);
    }

    /// <summary>Empties the table and gives it <paramref name="schema"/>'s text-search columns and indexes.</summary>
    public async Task SetAsync(string schema, CancellationToken cancellationToken)
    {
        var statements = new List<string>
        {
            "TRUNCATE user_data.records",
            "DROP INDEX IF EXISTS user_data.records_search_text, user_data.records_title_trigram, user_data.records_recent, user_data.records_search_text_0023",
        };
        statements.AddRange(_columnNames.Select(name => $"ALTER TABLE user_data.records DROP COLUMN IF EXISTS {name}"));
        switch (schema)
        {
            case Migration0023:
                statements.Add(Document0023.Value);
                statements.Add("CREATE INDEX records_search_text_0023 ON user_data.records USING gin (user_id, user_data.search_document_0023(title, body))");
                statements.Add("CREATE INDEX records_title_trigram ON user_data.records USING gin (user_id, title gin_trgm_ops)");
                break;
            case Current:
                statements.AddRange(_currentColumns.Select(column => $"ALTER TABLE user_data.records {column}"));
                statements.AddRange(_currentIndexes);
                break;
        }

        foreach (var statement in statements)
        {
            await OwnerStatements.ExecuteAsync(_owner, statement, cancellationToken);
        }
    }
}

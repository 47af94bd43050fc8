using Datapunk.Lake.Tables;
using Npgsql;

namespace Datapunk.Silo.Tests.Tables;

/// <summary>Reads of users' tables as the database owner (row-level security does not apply): what is really stored, whoever asks.</summary>
internal static class StoredTableRows
{
    /// <summary>How many table descriptions and rows the user has.</summary>
    public static async Task<(long Tables, long Rows)> CountAsync(string userId, CancellationToken cancellationToken)
    {
        await using var database = new TestDatabase("datapunk-table-tests", maxPoolSize: 1);
        var parameters = new Dictionary<string, object> { ["user"] = userId };
        return (await database.ScalarAsync<long>("SELECT count(*) FROM user_data.user_tables WHERE user_id = @user", parameters, cancellationToken),
            await database.ScalarAsync<long>("SELECT count(*) FROM user_data.user_table_rows WHERE user_id = @user", parameters, cancellationToken));
    }

    /// <summary>
    /// Casts every stored value of every column of the table to the column's type, as the SQL workbench does
    /// (<c>(row_values-&gt;&gt;'column')::type</c>); returns the non-null values per column. A value that does not cast fails the query.
    /// </summary>
    public static async Task<Dictionary<string, long>> CastEveryValueAsync(string userId, string table, CancellationToken cancellationToken)
    {
        await using var database = new TestDatabase("datapunk-table-tests", maxPoolSize: 1);
        var parameters = new Dictionary<string, object> { ["user"] = userId, ["table"] = table };
        var columns = await database.QueryAsync(
            "SELECT c->>'name', c->>'type' FROM user_data.user_tables, jsonb_array_elements(columns) c WHERE user_id = @user AND name = @table",
            parameters, reader => (Name: reader.GetString(0), Type: reader.GetString(1)), cancellationToken);
        columns.ShouldNotBeEmpty($"table {table} of {userId} is stored with its columns");
        var counts = new Dictionary<string, long>();
        foreach (var (name, type) in columns)
        {
            ColumnTypes.All.ShouldContain(type);
            counts[name] = await database.ScalarAsync<long>($"""
                SELECT count((r.row_values->>'{name}')::{type}) FROM user_data.user_table_rows r JOIN user_data.user_tables t USING (table_id)
                WHERE t.user_id = @user AND t.name = @table
                """, parameters, cancellationToken);
        }

        return counts;
    }

    public static NpgsqlDataSource SiloLogin { get; } = TestDatabase.SiloLoginPool("datapunk-table-tests-silo", 4);
}

using Npgsql;

namespace Datapunk.Lake.Reading;

/// <summary>A <c>timestamptz</c> column read as a UTC <see cref="DateTimeOffset"/>.</summary>
internal static class StoredTime
{
    public static DateTimeOffset? Of(NpgsqlDataReader row, int column) =>
        row.IsDBNull(column) ? null : new DateTimeOffset(row.GetFieldValue<DateTime>(column), TimeSpan.Zero);

    public static DateTimeOffset Required(NpgsqlDataReader row, int column) => new(row.GetFieldValue<DateTime>(column), TimeSpan.Zero);
}

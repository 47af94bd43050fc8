using System.Buffers;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// Fetches the declared cursor's rows (at most limit + 1, to tell whether there were more) and streams them into JSON:
/// every value as PostgreSQL's text, read column by column, long text cut at <see cref="WorkbenchLimits.MaxCellCharacters"/>
/// without reading the rest into memory, and no more rows once the JSON passes <see cref="WorkbenchLimits.MaxResultBytes"/>.
/// PostgreSQL holds a FETCH's rows before it sends them, so they come <see cref="BatchRows"/> at a time, and before each
/// FETCH the statement timeout is set again to what remains of the query's time: the query's own set_config cannot
/// lengthen it.
/// </summary>
internal static class WorkbenchRows
{
    /// <summary>Rows per FETCH: a hundred values of a megabyte stay under the login's temp_file_limit.</summary>
    public const int BatchRows = 100;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Page(IReadOnlyList<WorkbenchColumn> Columns, string RowsJson, int RowCount, bool Truncated);

    public static async Task<Page> FetchAsync(
        NpgsqlConnection connection, int limit, bool mask, WorkbenchLimits limits, Stopwatch started, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var columns = new List<WorkbenchColumn>();
        var rows = 0;
        var truncated = false;
        var cell = new char[limits.MaxCellCharacters + 1];
        await using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            var fetched = 0;
            var more = true;
            while (more && !truncated)
            {
                var batch = Math.Min(BatchRows, limit + 1 - fetched);
                await SetRemainingTimeoutAsync(connection, limits.StatementTimeout - started.Elapsed, cancellationToken);
                await using var fetch = new NpgsqlCommand($"FETCH FORWARD {batch} FROM workbench_rows", connection) { AllResultTypesAreUnknown = true };
                await using var reader = await fetch.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                if (columns.Count == 0)
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        columns.Add(new WorkbenchColumn(reader.GetName(i), reader.GetPostgresType(i).InternalName));
                    }
                }

                var received = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    received++;
                    if (rows == limit || json.BytesCommitted + json.BytesPending > limits.MaxResultBytes)
                    {
                        truncated = true;
                        break;
                    }

                    await WriteRowAsync(reader, columns, json, cell, mask, limits, cancellationToken);
                    rows++;
                }

                fetched += received;
                more = received == batch;
            }

            json.WriteEndArray();
        }

        return new Page(columns, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), rows, truncated);
    }

    private static async Task WriteRowAsync(
        NpgsqlDataReader reader, List<WorkbenchColumn> columns, Utf8JsonWriter json, char[] cell, bool mask, WorkbenchLimits limits, CancellationToken cancellationToken)
    {
        json.WriteStartArray();
        for (var i = 0; i < columns.Count; i++)
        {
            if (await reader.IsDBNullAsync(i, cancellationToken))
            {
                json.WriteNullValue();
                continue;
            }

            await using var bytes = await reader.GetStreamAsync(i, cancellationToken);
            var read = await ReadUpToAsync(bytes, cell, cancellationToken);
            var value = read <= limits.MaxCellCharacters
                ? new string(cell, 0, read)
                : new string(cell, 0, limits.MaxCellCharacters) + $"… [cut at {limits.MaxCellCharacters.ToString("N0", CultureInfo.InvariantCulture)} characters]";
            WorkbenchCells.Write(json, columns[i].Type, value, mask);
        }

        json.WriteEndArray();
    }

    private static async Task SetRemainingTimeoutAsync(NpgsqlConnection connection, TimeSpan remaining, CancellationToken cancellationToken)
    {
        // 0 would mean "no timeout": a spent budget is one millisecond, and the next FETCH is cancelled.
        var milliseconds = Math.Max(1, (long)remaining.TotalMilliseconds);
        await using var command = new NpgsqlCommand("SELECT set_config('statement_timeout', $1, true)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = milliseconds.ToString(CultureInfo.InvariantCulture) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Decodes the value's UTF-8 from the column's stream until `into` is full: PostgreSQL's text reader would hold
    // the whole value, the stream hands on what arrives and skips the rest when the next column is read.
    private static async Task<int> ReadUpToAsync(Stream bytes, char[] into, CancellationToken cancellationToken)
    {
        var decoder = System.Text.Encoding.UTF8.GetDecoder();
        var chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var read = 0;
            while (read < into.Length)
            {
                // At most one byte per character still wanted: a chunk never decodes to more than fits.
                var got = await bytes.ReadAsync(chunk.AsMemory(0, Math.Min(chunk.Length, into.Length - read)), cancellationToken);
                read += decoder.GetChars(chunk, 0, got, into, read, flush: got == 0);
                if (got == 0)
                {
                    break;
                }
            }

            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}

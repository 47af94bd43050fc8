using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Datapunk.Lake.Tables;

/// <summary>
/// A Parquet file as a table (Parquet.Net), read a row group at a time: the memory held is one row group's
/// columns. Its flat columns are the table's, with the values their types carry (integers as long, floats as
/// double, decimals, booleans, timestamps, dates; anything else as its text); a list, map or struct column is an
/// error naming it.
/// </summary>
public sealed class ParquetTableRows : ITableRows
{
    private static readonly MethodInfo ReadValuesMethod =
        typeof(ParquetTableRows).GetMethod(nameof(ReadValuesAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly FileStream _file;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;

    private ParquetTableRows(FileStream file, ParquetReader reader, DataField[] fields)
    {
        _file = file;
        _reader = reader;
        _fields = fields;
        Header = [.. fields.Select(f => (string?)f.Name)];
    }

    public IReadOnlyList<string?> Header { get; }

    public TableFileDetails Details { get; } = new();

    public static async Task<ParquetTableRows> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.Asynchronous);
        try
        {
            ParquetReader reader;
            try
            {
                reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or ParquetException or NotSupportedException)
            {
                throw new TableFileException($"The file is not a readable Parquet file: {exception.Message}", exception);
            }

            if (reader.Schema.Fields.FirstOrDefault(f => f is not DataField || ((DataField)f).IsArray) is { } nested)
            {
                await reader.DisposeAsync();
                throw new TableFileException($"Column \"{nested.Name}\" is a {nested.SchemaType.ToString().ToLowerInvariant()}: only flat columns can become a table.");
            }

            return new ParquetTableRows(file, reader, [.. reader.Schema.Fields.Cast<DataField>()]);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<TableRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long number = 0;
        for (var group = 0; group < _reader.RowGroupCount; group++)
        {
            using var rowGroup = _reader.OpenRowGroupReader(group);
            var count = checked((int)rowGroup.RowCount);
            var columns = new object?[_fields.Length][];
            for (var i = 0; i < _fields.Length; i++)
            {
                columns[i] = await ReadColumnAsync(rowGroup, _fields[i], count, cancellationToken);
            }

            for (var row = 0; row < count; row++)
            {
                var cells = new object?[_fields.Length];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = columns[i][row];
                }

                yield return new TableRow(++number, cells);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _file.DisposeAsync();
    }

    private static async Task<object?[]> ReadColumnAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
    {
        if (field.ClrType == typeof(string))
        {
            var strings = new string?[count];
            await rowGroup.ReadAsync(field, strings.AsMemory(), null, cancellationToken);
            return [.. strings.Select(s => (object?)(string.IsNullOrEmpty(s) ? null : s))];
        }

        if (field.ClrType == typeof(byte[]))
        {
            var bytes = new byte[]?[count];
            await rowGroup.ReadAsync(field, bytes.AsMemory(), null, cancellationToken);
            return [.. bytes.Select(b => (object?)(b is null ? null : Convert.ToBase64String(b)))];
        }

        var read = (Task<object?[]>)ReadValuesMethod.MakeGenericMethod(field.ClrType).Invoke(null, [rowGroup, field, count, cancellationToken])!;
        return await read;
    }

    private static async Task<object?[]> ReadValuesAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        var cells = new object?[count];
        if (field.IsNullable)
        {
            var values = new T?[count];
            await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                cells[i] = values[i] is { } value ? Cell(value) : null;
            }
        }
        else
        {
            var values = new T[count];
            await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                cells[i] = Cell(values[i]);
            }
        }

        return cells;
    }

    private static object? Cell(object value) => value switch
    {
        long or double or decimal or bool or DateOnly => value,
        int i => (long)i,
        short s => (long)s,
        sbyte s => (long)s,
        byte b => (long)b,
        ushort u => (long)u,
        uint u => (long)u,
        ulong u => (decimal)u,
        float f => (double)f,
        Half h => (double)h,
        DateTime t => t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime(),
        DateTimeOffset t => t,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Datapunk.Lake.Tables;

/// <summary>
/// A JSON array of objects, or JSON Lines (an object per line), as a table, read an object at a time
/// (System.Text.Json's streaming deserializer, which reads with Utf8JsonReader). The columns are the fields
/// of the first <see cref="HeaderRows"/> objects in order of appearance; a nested object's fields become
/// columns headed <c>parent.child</c> (named <c>parent_child</c>; one level), and deeper objects and arrays are kept as JSON text. A later
/// object with a field none of those had is an error naming its row.
/// </summary>
public sealed class JsonTableRows : ITableRows
{
    public const int HeaderRows = 1_000;

    private readonly FileStream _file;
    private readonly IAsyncEnumerator<JsonElement> _objects;
    private readonly List<Dictionary<string, object?>> _first;
    private readonly Dictionary<string, int> _positions;

    private JsonTableRows(FileStream file, IAsyncEnumerator<JsonElement> objects, List<Dictionary<string, object?>> first, List<string> header)
    {
        _file = file;
        _objects = objects;
        _first = first;
        Header = header;
        _positions = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string?> Header { get; }

    public TableFileDetails Details { get; } = new();

    public static async Task<JsonTableRows> OpenAsync(string path, bool lines, CancellationToken cancellationToken)
    {
        var file = TableFiles.OpenRead(path);
        try
        {
            var objects = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(file, topLevelValues: lines, cancellationToken: cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            var first = new List<Dictionary<string, object?>>();
            var header = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (first.Count < HeaderRows && await MoveNextAsync(objects, first.Count + 1))
            {
                var row = Flatten(objects.Current, first.Count + 1);
                header.AddRange(row.Keys.Where(seen.Add));
                first.Add(row);
            }

            if (first.Count == 0)
            {
                throw new TableFileException(lines ? "The file holds no JSON objects, one per line." : "The file is not a JSON array of objects, or the array is empty.");
            }

            return new JsonTableRows(file, objects, first, header);
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
        foreach (var row in _first)
        {
            yield return Cells(++number, row);
        }

        _first.Clear();
        while (await MoveNextAsync(_objects, number + 1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            yield return Cells(number, Flatten(_objects.Current, number));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _objects.DisposeAsync();
        await _file.DisposeAsync();
    }

    private TableRow Cells(long number, Dictionary<string, object?> row)
    {
        var cells = new object?[Header.Count];
        foreach (var (name, value) in row)
        {
            if (!_positions.TryGetValue(name, out var position))
            {
                throw new TableFileException(
                    $"row {TableValues.Count(number)} has a field \"{TableValues.Shorten(name)}\" that none of the first {TableValues.Count(HeaderRows)} rows has: "
                    + "the columns are the fields of those rows.");
            }

            cells[position] = value;
        }

        return new TableRow(number, cells);
    }

    private static async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<JsonElement> objects, long number)
    {
        try
        {
            return await objects.MoveNextAsync();
        }
        catch (JsonException exception)
        {
            throw new TableFileException($"row {TableValues.Count(number)} is not valid JSON: {exception.Message}", exception);
        }
    }

    private static Dictionary<string, object?> Flatten(JsonElement element, long number)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new TableFileException($"row {TableValues.Count(number)} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object: each row must be an object of fields.");
        }

        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var child in property.Value.EnumerateObject())
                {
                    row[$"{property.Name}.{child.Name}"] = Cell(child.Value);
                }
            }
            else
            {
                row[property.Name] = Cell(property.Value);
            }
        }

        return row;
    }

    private static object? Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number when value.GetRawText().AsSpan().IndexOfAny('e', 'E') < 0 && value.TryGetDecimal(out var exact) => exact,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };
}

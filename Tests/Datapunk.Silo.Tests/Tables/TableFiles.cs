using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Datapunk.Silo.Tests.Tables;

/// <summary>
/// The same small table (name, amount, paid, day) written in each upload format, generated per test: CSV,
/// JSON, JSON Lines, Parquet (Parquet.Net) and xlsx (<see cref="XlsxWriter"/>).
/// </summary>
internal static class TableFiles
{
    public static readonly (string Name, double Amount, bool Paid, DateOnly Day)[] Rows =
    [
        ("Ada", 12.5, true, new DateOnly(2024, 3, 5)),
        ("Bob", 3.25, false, new DateOnly(2024, 3, 6)),
        ("Zoë", 1234.75, true, new DateOnly(2024, 12, 31)),
    ];

    public static async Task<string> WriteAsync(TempFolder folder, string format, CancellationToken cancellationToken)
    {
        var path = folder.File($"people.{format}");
        switch (format)
        {
            case "csv":
                await File.WriteAllLinesAsync(path, ["Name,Amount,Paid,Day", .. Rows.Select(r => $"{r.Name},{Number(r.Amount)},{(r.Paid ? "yes" : "no")},{r.Day:yyyy-MM-dd}")], cancellationToken);
                break;
            case "json":
                await File.WriteAllTextAsync(path, "[" + string.Join(",\n", Rows.Select(JsonObject)) + "]", cancellationToken);
                break;
            case "jsonl":
                await File.WriteAllLinesAsync(path, Rows.Select(JsonObject), cancellationToken);
                break;
            case "parquet":
                await WriteParquetAsync(path, cancellationToken);
                break;
            case "xlsx":
                XlsxWriter.Write(path, ("People", [["Name", "Amount", "Paid", "Day"], .. Rows.Select(r => new object?[] { r.Name, r.Amount, r.Paid, r.Day.ToDateTime(TimeOnly.MinValue) })]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "No writer for this format.");
        }

        return path;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string JsonObject((string Name, double Amount, bool Paid, DateOnly Day) r) =>
        $"{{\"Name\": \"{r.Name}\", \"Amount\": {Number(r.Amount)}, \"Paid\": {(r.Paid ? "true" : "false")}, \"Day\": \"{r.Day:yyyy-MM-dd}\"}}";

    private static async Task WriteParquetAsync(string path, CancellationToken cancellationToken)
    {
        var (name, amount, paid, day) = (new DataField<string>("Name"), new DataField<double>("Amount"), new DataField<bool>("Paid"), new DataField<DateOnly>("Day"));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(name, amount, paid, day), stream, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(name, Rows.Select(r => (string?)r.Name).ToList());
        await group.WriteAsync(amount, (ReadOnlyMemory<double>)Rows.Select(r => r.Amount).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(paid, (ReadOnlyMemory<bool>)Rows.Select(r => r.Paid).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(day, (ReadOnlyMemory<DateOnly>)Rows.Select(r => r.Day).ToArray(), cancellationToken: cancellationToken);
    }
}

namespace Datapunk.Lake.Tables;

/// <summary>
/// How a column's text is read as its type: whether numbers write the decimal with a comma (<c>1.234,5</c>)
/// rather than a point (<c>1,234.5</c>), and whether dates like <c>03/04/2024</c> put the day or the month first.
/// Inference decides both from evidence in the sample (docs/catalog.md, "Uploaded tables").
/// </summary>
public sealed record ColumnFormat(bool DecimalComma = false, bool MonthFirst = false)
{
    public static ColumnFormat Default { get; } = new();
}

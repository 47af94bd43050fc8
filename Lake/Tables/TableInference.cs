namespace Datapunk.Lake.Tables;

/// <summary>
/// Column names and types from a file's header and first rows. Each column gets the narrowest type every
/// non-empty sampled value stores as (<see cref="ColumnValues"/>): boolean, bigint, numeric, double precision,
/// date, timestamptz, else text; a column with no value is text, digits with a leading zero (<c>007</c>) keep
/// a column text, and floating-point values a file typed as such stay double precision rather than numeric. Whether numbers use a decimal comma is decided for the whole file: a comma when some value
/// reads only with a decimal comma (<c>12,5</c>, <c>1.234,5</c>) and none only with a decimal point (<c>12.5</c>);
/// whether dates put the month first, per column, when some date proves it (<c>03/25/2024</c>) and none proves the day first.
/// </summary>
public static class TableInference
{
    private static readonly string[] Narrowest =
        [ColumnTypes.Boolean, ColumnTypes.BigInt, ColumnTypes.Numeric, ColumnTypes.Double, ColumnTypes.Date, ColumnTypes.Timestamp];

    public static IReadOnlyList<ColumnPlan> Infer(IReadOnlyList<string?> header, IReadOnlyList<TableRow> sample)
    {
        var names = ColumnNames.From(header);
        var decimalComma = DecimalComma(sample);
        var plans = new List<ColumnPlan>(header.Count);
        for (var position = 0; position < header.Count; position++)
        {
            var values = sample.Select(row => row.Cells[position]).OfType<object>().Where(v => v is not string s || !string.IsNullOrWhiteSpace(s)).ToList();
            var format = new ColumnFormat(decimalComma, MonthFirst(values));
            var type = values.Count == 0 ? ColumnTypes.Text
                : Narrowest.Where(t => Possible(t, values))
                    .FirstOrDefault(t => values.All(v => ColumnValues.Write(null, "", v, t, format) is null)) ?? ColumnTypes.Text;
            plans.Add(new ColumnPlan(new TableColumn(names[position], type, header[position] ?? ""), position, format));
        }

        return plans;
    }

    /// <summary>
    /// Whether a type may be tried at all: never a number for digits with a leading zero, and never numeric for
    /// floating-point values a file typed as such (Parquet, Excel), which double precision holds as they are.
    /// </summary>
    private static bool Possible(string type, IReadOnlyList<object> values) => type switch
    {
        ColumnTypes.BigInt or ColumnTypes.Double => !values.Any(v => v is string s && NumberText.HasLeadingZero(s)),
        ColumnTypes.Numeric => !values.Any(v => v is double || (v is string s && NumberText.HasLeadingZero(s))),
        _ => true,
    };

    private static bool DecimalComma(IReadOnlyList<TableRow> sample)
    {
        var (pointOnly, commaOnly) = (false, false);
        foreach (var text in sample.SelectMany(row => row.Cells).OfType<string>())
        {
            var (point, comma) = NumberText.Styles(text);
            pointOnly |= point && !comma;
            commaOnly |= comma && !point;
        }

        return commaOnly && !pointOnly;
    }

    private static bool MonthFirst(IReadOnlyList<object> values)
    {
        var evidence = values.OfType<string>().Select(DateText.MonthFirstEvidence).Where(e => e is not null).ToList();
        return evidence.Contains(true) && !evidence.Contains(false);
    }
}

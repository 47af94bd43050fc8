namespace Datapunk.Cli.Output;

/// <summary>A plain-text table with columns padded to their widest cell; right-aligned columns are for numbers.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _rightAligned = [];

    public TextTable AlignRight(params int[] columns)
    {
        _rightAligned.UnionWith(columns);
        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((header, column) => _rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, column) => _rightAligned.Contains(column) ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]));
        output.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}

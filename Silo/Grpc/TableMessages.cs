namespace Datapunk.Silo.Grpc;

/// <summary>Users' tables as the gRPC Tables service sends them (tables.proto).</summary>
internal static class TableMessages
{
    public static V1.Table ToMessage(this UserTable table) => new()
    {
        Name = table.Name,
        FileName = table.FileName,
        Format = table.Format,
        Columns = { table.Columns.Select(ToMessage) },
        RowCount = table.RowCount,
        ByteCount = table.ByteCount,
        CreatedAt = table.CreatedAt.ToTimestamp(),
        UpdatedAt = table.UpdatedAt.ToTimestamp(),
    };

    public static V1.TablePreview ToMessage(this TablePreview preview)
    {
        var message = new V1.TablePreview
        {
            Format = preview.Format,
            Columns = { preview.Columns.Select(ToMessage) },
            Rows = { preview.Rows.Select(row => new V1.PreviewRow { Cells = { row.Select(Cell) } }) },
            SampledRows = preview.SampledRows,
        };
        if (preview.Delimiter is { } delimiter)
        {
            message.Delimiter = delimiter;
        }

        if (preview.Encoding is { } encoding)
        {
            message.Encoding = encoding;
        }

        if (preview.Sheet is { } sheet)
        {
            message.Sheet = sheet;
        }

        return message;
    }

    public static V1.TableRows ToMessage(this UserTableRows page)
    {
        var message = new V1.TableRows { Table = page.Table.ToMessage(), Offset = page.Offset, Rows = { page.Rows.Select(row => row.GetRawText()) } };
        if (page.Next is { } next)
        {
            message.Next = next;
        }

        return message;
    }

    private static V1.TableColumn ToMessage(TableColumn column) => new() { Name = column.Name, Type = column.Type, Source = column.Source };

    private static V1.PreviewCell Cell(string? value) => value is null ? new V1.PreviewCell() : new V1.PreviewCell { Value = value };
}

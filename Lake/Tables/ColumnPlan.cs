namespace Datapunk.Lake.Tables;

/// <summary>A column as it is stored: its name, type and header, where its cells are in a row, and how its text is read.</summary>
public sealed record ColumnPlan(TableColumn Column, int Position, ColumnFormat Format);

namespace Datapunk.Lake.Tables;

/// <summary>The PostgreSQL types a column of a user's table may have; the SQL workbench casts each stored value to its column's.</summary>
public static class ColumnTypes
{
    public const string Text = "text";
    public const string BigInt = "bigint";
    public const string Double = "double precision";
    public const string Numeric = "numeric";
    public const string Boolean = "boolean";
    public const string Date = "date";
    public const string Timestamp = "timestamptz";

    public static IReadOnlyList<string> All { get; } = [Text, BigInt, Double, Numeric, Boolean, Date, Timestamp];

    /// <summary>The type <paramref name="name"/> names, also by the common aliases (int, integer, float, double, decimal, bool, timestamp, datetime, string); null when it names none.</summary>
    public static string? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "text" or "string" or "varchar" => Text,
        "bigint" or "int" or "integer" or "int8" or "long" => BigInt,
        "double precision" or "double" or "float" or "float8" or "real" => Double,
        "numeric" or "decimal" or "number" => Numeric,
        "boolean" or "bool" => Boolean,
        "date" => Date,
        "timestamptz" or "timestamp" or "datetime" or "timestamp with time zone" => Timestamp,
        _ => null,
    };
}

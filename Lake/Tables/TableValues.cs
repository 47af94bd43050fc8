using System.Globalization;

namespace Datapunk.Lake.Tables;

/// <summary>How values appear in messages to the user.</summary>
public static class TableValues
{
    private const int MaxQuoted = 60;

    /// <summary>A count or row number with thousands separators, whatever the server's culture: <c>1,234</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A value cut to a length a message can quote.</summary>
    public static string Shorten(string value) => value.Length <= MaxQuoted ? value : value[..MaxQuoted] + "…";
}

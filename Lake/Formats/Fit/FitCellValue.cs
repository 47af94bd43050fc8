using System.Globalization;
using System.Text.Json.Nodes;

namespace Datapunk.Lake.Formats.Fit;

/// <summary>A CSV cell as JSON: integers stay integers (step counts), decimals become numbers, anything else stays text.</summary>
internal static class FitCellValue
{
    public static JsonNode Parse(string cell)
    {
        if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return TryNumber(cell, out var number) ? JsonValue.Create(number) : JsonValue.Create(cell);
    }

    public static bool TryNumber(string cell, out double number) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}

using Datapunk.Lake.Tables;

namespace Datapunk.Lake.Tests.Tables;

public sealed class ColumnNamesTests
{
    [Fact]
    public void Headers_become_unique_lower_case_identifiers()
    {
        var names = ColumnNames.From(["Amount (EUR)", "Größe", "Café crème", "—", null, "amount_eur", "2024 total", "  ", "Ünïcödé-Straße", "Łódź Șoseaua"]);

        names.ShouldBe(["amount_eur", "grosse", "cafe_creme", "column_4", "column_5", "amount_eur_2", "_2024_total", "column_8", "unicode_strasse", "lodz_soseaua"]);
        names.ShouldAllBe(name => ColumnNames.IsValid(name), "every name must match ^[a-z_][a-z0-9_]{0,62}$ as migration 0041 checks");
    }

    [Fact]
    public void Headers_in_other_scripts_are_transliterated_not_numbered()
    {
        var names = ColumnNames.From(["Дата операции", "Сумма", "Ημερομηνία", "התאריך", "التاريخ", "日付", "금액", "ราคา", "Driver’s licence"]);

        names.ShouldBe(["data_operatsii", "summa", "imerominia", "htrykh", "ltrykh", "rifu", "geumaeg", "rakha", "drivers_licence"]);
        names.ShouldAllBe(name => ColumnNames.IsValid(name));
    }

    [Fact]
    public void A_long_header_is_cut_to_63_characters_and_stays_unique()
    {
        var header = new string('a', 80);

        var names = ColumnNames.From([header, header]);

        names[0].Length.ShouldBe(63);
        names[1].ShouldBe(new string('a', 61) + "_2");
    }
}

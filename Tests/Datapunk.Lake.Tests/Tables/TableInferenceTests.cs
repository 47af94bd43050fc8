using Datapunk.Lake.Tables;

namespace Datapunk.Lake.Tests.Tables;

public sealed class TableInferenceTests
{
    private static IReadOnlyList<ColumnPlan> Infer(IReadOnlyList<string?> header, params object?[][] rows) =>
        TableInference.Infer(header, [.. rows.Select((cells, i) => new TableRow(i + 1, cells))]);

    [Fact]
    public void Each_column_gets_the_narrowest_type_all_its_values_fit()
    {
        var columns = Infer(
            ["Flag", "Count", "Price", "Ratio", "Day", "At", "Note", "Zip", "Empty"],
            ["yes", "1,234", "12.50", "1.5e3", "2024-03-05", "2024-03-05T14:30:00+01:00", "hello", "01234", null],
            ["no", "-7", "3", "NaN", "2024-12-31", "2024-03-06 08:00", "1", "99999", null],
            [null, "", null, "2", "05.03.2024", "2024-03-07", "x", "12345", null]);

        TableFileReads.Describe(columns).ShouldBe(
            "flag:boolean, count:bigint, price:numeric, ratio:double precision, day:date, at:timestamptz, note:text, zip:text, empty:text");
    }

    [Fact]
    public void A_decimal_comma_is_taken_when_the_file_shows_it()
    {
        var columns = Infer(["Betrag", "Menge"], ["1.234,50", "3"], ["12,5", "4"]);

        TableFileReads.Describe(columns).ShouldBe("betrag:numeric, menge:bigint");
        columns[0].Format.DecimalComma.ShouldBeTrue("12,5 reads only with a decimal comma");
    }

    [Fact]
    public void Mixed_decimal_styles_in_one_column_leave_it_text()
    {
        var columns = Infer(["Amount"], ["12,5"], ["12.5"]);

        columns[0].Column.Type.ShouldBe(ColumnTypes.Text);
    }

    [Fact]
    public void Dates_are_day_first_unless_a_date_proves_month_first()
    {
        var dayFirst = Infer(["Day"], ["03/04/2024"], ["25/04/2024"]);
        var monthFirst = Infer(["Day"], ["03/04/2024"], ["04/25/2024"]);
        var contradictory = Infer(["Day"], ["25/04/2024"], ["04/25/2024"]);

        (dayFirst[0].Column.Type, dayFirst[0].Format.MonthFirst).ShouldBe((ColumnTypes.Date, false));
        (monthFirst[0].Column.Type, monthFirst[0].Format.MonthFirst).ShouldBe((ColumnTypes.Date, true));
        contradictory[0].Column.Type.ShouldBe(ColumnTypes.Text);
    }

    [Fact]
    public void Typed_cells_keep_their_types()
    {
        var columns = Infer(
            ["Whole", "Float", "Exact", "Flag", "Midnight", "Moment"],
            [1.0, 1.25, 2.5m, true, new DateTime(2024, 3, 5), new DateTime(2024, 3, 5, 14, 30, 0)],
            [2L, 3.0, 3m, false, new DateTime(2024, 3, 6), new DateTime(2024, 3, 6, 0, 0, 0)]);

        TableFileReads.Describe(columns).ShouldBe("whole:bigint, float:double precision, exact:numeric, flag:boolean, midnight:date, moment:timestamptz");
    }

    [Fact]
    public void Corrections_rename_retype_and_skip_columns()
    {
        var inferred = Infer(["Amount (EUR)", "Note", "Zip"], ["12", "a", "01234"]);

        var changed = new TableColumnChanges(
            Types: new Dictionary<string, string> { ["amount_eur"] = "numeric", ["Zip"] = "text" },
            Renames: new Dictionary<string, string> { ["amount_eur"] = "amount" },
            Skip: ["note"]).Apply(inferred);

        TableFileReads.Describe(changed).ShouldBe("amount:numeric, zip:text");
        changed[0].Column.Source.ShouldBe("Amount (EUR)");
    }

    [Fact]
    public void A_correction_naming_no_column_or_type_says_what_exists()
    {
        var inferred = Infer(["A", "B"], ["1", "2"]);

        Should.Throw<TableColumnChangeException>(() => new TableColumnChanges(Skip: ["c"]).Apply(inferred))
            .Message.ShouldBe("There is no column \"c\"; the columns are: a, b.");
        Should.Throw<TableColumnChangeException>(() => new TableColumnChanges(Types: new Dictionary<string, string> { ["a"] = "money" }).Apply(inferred))
            .Message.ShouldContain("\"money\" (for column \"a\") is not a column type");
        Should.Throw<TableColumnChangeException>(() => new TableColumnChanges(Renames: new Dictionary<string, string> { ["a"] = "b" }).Apply(inferred))
            .Message.ShouldBe("Two columns would be named \"b\": rename one.");
    }
}

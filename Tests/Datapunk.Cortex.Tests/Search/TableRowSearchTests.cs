using Datapunk.Lake;
using Datapunk.Lake.Tables;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// The rows of one's uploaded tables, stored as an upload stores them (<see cref="UserTableWriter"/>),
/// are found by full text beside the records, one ranking, paged once, and never another user's.
/// </summary>
public sealed class TableRowSearchTests : IDisposable
{
    private static readonly DateTimeOffset March = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _temp = new();

    [Fact]
    public async Task A_word_in_a_cell_finds_its_row_with_the_table_and_the_row_number_and_a_snippet_in_column_order()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("rows");
        await SearchCorpus.InsertAsync(engines.DataSource, user, [new(RecordKind.Email, "acme-mail", "Your Acme Hosting invoice", "Amount due: 12.50", March)]);
        await StoreCsvAsync(engines, user, "bank", "date,payee,amount\n2024-01-03,Acme Hosting,12.50\n2024-01-04,Bäckerei Sonnenschein,3.20\n");

        var bakery = await engines.FindAsync(user, "Sonnenschein");
        var row = bakery.Results.ShouldHaveSingleItem();
        row.Kind.ShouldBe("table_rows");
        row.Id.ShouldBe("bank/2");
        row.Title.ShouldBe("bank, row 2");
        row.Matched.ShouldBe(["fulltext"]);
        row.Time.ShouldBeNull();
        row.Snippet.ShouldNotBeNull().ShouldStartWith("date: 2024-01-04 · payee: Bäckerei **Sonnenschein** · amount", Case.Sensitive, "the columns in the file's order, the word marked");

        var acme = await engines.FindAsync(user, "acme hosting");
        acme.Results.Select(result => $"{result.Kind}:{result.Id}").ShouldBe(["emails:acme-mail", "table_rows:bank/1"], ignoreOrder: true);
    }

    [Fact]
    public async Task Another_users_table_rows_are_never_found()
    {
        var engines = await SearchEngines.LocalAsync();
        var owner = CortexDatabase.NewUserId("rows-owner");
        var other = CortexDatabase.NewUserId("rows-other");
        await StoreCsvAsync(engines, owner, "diary", "day,entry\n2024-02-01,Quokka sighting on Rottnest\n");
        await StoreCsvAsync(engines, other, "diary", "day,entry\n2024-02-02,Nothing special\n");

        (await engines.FindAsync(other, "quokka")).Results.ShouldBeEmpty("the other user's table of the same name holds no such word");
        (await engines.FindAsync(owner, "quokka")).Results.ShouldHaveSingleItem().Id.ShouldBe("diary/1");
    }

    [Fact]
    public async Task Kinds_select_rows_or_leave_them_out_and_filters_a_row_cannot_pass_leave_them_out()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("rows-kinds");
        await SearchCorpus.InsertAsync(engines.DataSource, user, [new(RecordKind.KeepNote, "note", "Lighthouse keeper", "Visit the lighthouse", March)]);
        await StoreCsvAsync(engines, user, "trips", "place,notes\nHook Head,oldest lighthouse\n");

        async Task<string[]> Found(SearchQuery query) =>
            [.. (await engines.Search.SearchAsync(user, query, TestContext.Current.CancellationToken)).Results.Select(result => $"{result.Kind}:{result.Id}").Order()];

        var lighthouse = SearchEngines.Query("lighthouse");
        (await Found(lighthouse)).ShouldBe(["keep_notes:note", "table_rows:trips/1"]);
        (await Found(lighthouse with { Kinds = ["table_rows"] })).ShouldBe(["table_rows:trips/1"]);
        (await Found(lighthouse with { Kinds = ["keep_notes"] })).ShouldBe(["keep_notes:note"]);
        (await Found(lighthouse with { Kinds = ["keep_notes", "table_rows"] })).ShouldBe(["keep_notes:note", "table_rows:trips/1"]);
        (await Found(lighthouse with { From = March.AddDays(-1) })).ShouldBe(["keep_notes:note"], "a row has no time to be in a range");
        (await Found(lighthouse with { Methods = ["fuzzy"] })).ShouldNotContain("table_rows:trips/1", "rows are found by full text only");
    }

    [Fact]
    public async Task Pages_through_records_and_rows_follow_the_one_ranking_without_repeating_or_skipping()
    {
        var engines = await SearchEngines.LocalAsync();
        var user = CortexDatabase.NewUserId("rows-pages");
        await SearchCorpus.InsertAsync(engines.DataSource, user,
            Enumerable.Range(0, 7).Select(i => new TestRecord(RecordKind.SpotifyPlay, $"play-{i}", "Harbour Lights", $"Play {i}", March.AddDays(i))));
        await StoreCsvAsync(engines, user, "walks", "route\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"harbour walk {i}\n")));

        var all = await engines.FindAsync(user, "harbour", limit: 100);
        all.Results.Count.ShouldBe(15);
        all.Results.Select(result => result.Score).ShouldBeInOrder(SortDirection.Descending);

        var paged = new List<string>();
        var query = SearchEngines.Query("harbour", limit: 4);
        while (true)
        {
            var page = await engines.Search.SearchAsync(user, query, TestContext.Current.CancellationToken);
            paged.AddRange(page.Results.Select(result => $"{result.Kind}:{result.Id}"));
            if (page.Next is null)
            {
                break;
            }

            query = query with { After = page.Next };
        }

        paged.ShouldBe([.. all.Results.Select(result => $"{result.Kind}:{result.Id}")], "the pages are the one ranking, cut in fours");
    }

    public void Dispose() => _temp.Dispose();

    private async Task StoreCsvAsync(SearchEngines engines, string user, string name, string csv)
    {
        var path = _temp.File($"{user}-{name}.csv");
        await File.WriteAllTextAsync(path, csv, TestContext.Current.CancellationToken);
        await new UserTableWriter(engines.DataSource, new UserTablesOptions()).StoreAsync(
            user, name, path, $"{name}.csv", "csv", new TableReadOptions(), TableColumnChanges.None, replace: false, TestContext.Current.CancellationToken);
    }
}

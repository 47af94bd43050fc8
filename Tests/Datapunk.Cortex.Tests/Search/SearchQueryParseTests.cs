using Datapunk.Lake;
using Npgsql;

namespace Datapunk.Cortex.Tests.Search;

/// <summary>
/// Migration 0066: the fuzzy query holds each spelling's lexeme once (copies made rare words look common to
/// the planner), and the text indexes, without the user id, still never give another user's records.
/// </summary>
public sealed class SearchQueryParseTests
{
    private static readonly DateTimeOffset May = new(2023, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("'lamchawen' | 'brivenyorb'", "'brivenyorb' | 'lamchaw' | 'lamchawen'")]
    [InlineData("'haus' | 'häuser'", "'haus' | 'häus' | 'häuser'")]
    [InlineData("'and'", "'and'")]
    public async Task The_fuzzy_query_holds_each_lexeme_once(string terms, string expected)
    {
        (await ParseAsync("user_data.search_any", terms)).ShouldBe(expected);
    }

    [Fact]
    public async Task A_word_in_thousands_of_another_user_s_records_finds_only_the_user_s_own()
    {
        var engines = await SearchEngines.LocalAsync();
        var other = CortexDatabase.NewUserId("crowd");
        var user = CortexDatabase.NewUserId("single");
        await SearchCorpus.InsertAsync(engines.DataSource, other,
            [.. Enumerable.Range(0, 2_000).Select(i => new TestRecord(RecordKind.KeepNote, $"o{i}", $"Lighthouse visit {i}", "Lighthouse keeper's log.", May.AddMinutes(i)))]);
        await SearchCorpus.InsertAsync(engines.DataSource, user,
        [
            new(RecordKind.KeepNote, "n1", "Lighthouse", "Climbed the lighthouse at dusk.", May),
            new(RecordKind.KeepNote, "n2", "Groceries", "Oat milk and coffee.", May),
        ]);

        foreach (var query in new[] { "lighthouse", "lighthou", "lighthuose", "lighthouse keeper" })
        {
            var page = await engines.FindAsync(user, query);
            page.Results.ShouldAllBe(result => result.Id == "n1", $"'{query}' must find the user's own note only");
        }

        (await engines.FindAsync(user, "lighthouse")).Results.ShouldHaveSingleItem().Id.ShouldBe("n1");
    }

    private static async Task<string> ParseAsync(string function, string terms)
    {
        var database = await CortexDatabase.MigratedAsync();
        await using var command = database.CreateCommand($"SELECT {function}($1)::text");
        command.Parameters.Add(new NpgsqlParameter { Value = terms });
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

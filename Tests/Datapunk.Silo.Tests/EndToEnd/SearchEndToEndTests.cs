using System.Net.Http.Json;
using System.Text.Json;
using Datapunk.Grains;
using Datapunk.Silo.Tests.Infrastructure;

namespace Datapunk.Silo.Tests.EndToEnd;

/// <summary>
/// Search through a real silo and the command line: notes imported by <c>datapunk import</c> are found
/// at once by full text and fuzzy matching, and by meaning once the background embedding the import's
/// end asked for has covered them (the real MiniLM model in the silo).
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SearchEndToEndTests(SiloProcessFixture silo) : IDisposable
{
    private static readonly TimeSpan Embedding = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 240_000)]
    public async Task Imported_notes_are_found_by_words_at_once_and_by_meaning_once_embedded()
    {
        using var admin = silo.AdminClient();
        var user = (await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation)).User;
        var archive = _folder.File("takeout.zip");
        ArchiveBuilder.Zip(archive,
            ("Takeout/Keep/Lighthouse.json", Note("Lighthouse keeper diary", "Storm tonight, the waves reach the lamp room.", 1_690_000_000)),
            ("Takeout/Keep/Taxes.json", Note("Tax return", "Send the receipts to the accountant before May.", 1_690_100_000)),
            ("Takeout/Keep/Cake.json", Note("Chocolate cake", "Flour, cocoa, sugar, no eggs.", 1_690_200_000)));
        var imported = await Cli("import", archive, "--user", user, "--wait", "--json");
        imported.ExitCode.ShouldBe(0, imported.ToString());

        var words = await Cli("search", "Lighthuose", "--user", user, "--json");
        words.ExitCode.ShouldBe(0, words.ToString());
        var first = Results(words).ShouldHaveSingleItem(words.Output);
        first.GetProperty("kind").GetString().ShouldBe("keep_notes");
        first.GetProperty("title").GetString().ShouldBe("Lighthouse keeper diary");
        first.GetProperty("snippet").GetString().ShouldNotBeNull().ShouldContain("**Lighthouse**");
        first.GetProperty("score").GetDouble().ShouldBeGreaterThan(0);
        first.GetProperty("time").ValueKind.ShouldBe(JsonValueKind.String, "a note has the time it was written");
        var id = first.GetProperty("id").GetString()!;

        using var http = new HttpClient { BaseAddress = silo.Gateway };
        http.DefaultRequestHeaders.Authorization = new("Bearer", silo.AdminToken);
        http.DefaultRequestHeaders.Add("Datapunk-Act-As", user);
        var records = await http.GetFromJsonAsync<JsonElement>("api/v1/records?kind=keep_notes&limit=10", Cancellation);
        records.GetProperty("records").EnumerateArray().Select(record => record.GetProperty("id").GetString()).ShouldContain(id, "a result names its record as the records API does");

        var status = await Poll.UntilAsync(
            token => http.GetFromJsonAsync<SearchIndexStatus>("api/v1/search/index", JsonSerializerOptions.Web, token),
            current => current is { Embeddable: 3, Embedded: 3, Running: false, ServingModel: "minilm-l6-v2" },
            "the import's end to have the three notes embedded",
            current => $"{current}",
            Embedding,
            Cancellation);
        status!.CoveredAt.ShouldNotBeNull();

        var meaning = await Cli("search", "a stormy night at sea", "--user", user, "--json");
        meaning.ExitCode.ShouldBe(0, meaning.ToString());
        var found = Results(meaning);
        found.ShouldNotBeEmpty(meaning.Output);
        var best = found[0];
        best.GetProperty("id").GetString().ShouldBe(id, meaning.Output);
        best.GetProperty("matched").EnumerateArray().Select(method => method.GetString()).ShouldContain("semantic");

        var semanticOnly = await Cli("search", "a stormy night at sea", "--user", user, "--method", "semantic", "--json");
        semanticOnly.ExitCode.ShouldBe(0, semanticOnly.ToString());
        Results(semanticOnly).ShouldAllBe(result => result.GetProperty("matched").EnumerateArray().Single().GetString() == "semantic", semanticOnly.Output);
        var fullTextOnly = await Cli("search", "Lighthuose", "--user", user, "--method", "fulltext", "--json");
        Results(fullTextOnly).ShouldBeEmpty("a typo finds nothing by full text alone: " + fullTextOnly.Output);
        using var unknown = await http.GetAsync("api/v1/search?q=cake&method=keyword", Cancellation);
        unknown.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("'keyword' is not a search method");

        var table = await Cli("search", "cocoa", "--user", user);
        table.ExitCode.ShouldBe(0, table.ToString());
        table.Output.ShouldContain("Chocolate cake");
        table.Output.ShouldContain("SCORE");
    }

    private static List<JsonElement> Results(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        document.RootElement.EnumerateObject().Select(property => property.Name).ShouldBe(["results"], "--json prints exactly one object with results");
        return [.. document.RootElement.GetProperty("results").EnumerateArray().Select(result => result.Clone())];
    }

    private static byte[] Note(string title, string text, long seconds) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        color = "DEFAULT", isTrashed = false, isPinned = false, isArchived = false, textContent = text, title,
        userEditedTimestampUsec = seconds * 1_000_000, createdTimestampUsec = seconds * 1_000_000,
    });

    private Task<CliResult> Cli(params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, silo.CredentialsFile);

    public void Dispose() => _folder.Dispose();
}

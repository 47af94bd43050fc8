namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// The evaluation's search queries and what answers each, written by hand over the person's tastes
/// (<see cref="PersonTastes"/>): words that appear in the records (full text's strength), prefixes as
/// someone still typing them, typos (fuzzy's), and descriptions sharing no word with what they should
/// find (semantic's), in English, German and French. Items the person's year happens not to contain
/// are dropped, and so is a query left with none.
/// </summary>
internal static class SearchJudgements
{
    private static readonly (string Query, string Language, string Class, string[] Relevant)[] Judged =
    [
        ("sourdough", "en", "keyword", [.. Topic("sourdough"), "Sourdough - Wikipedia"]),
        ("bouldering", "en", "keyword", Topic("bouldering")),
        ("astronomy", "en", "keyword", Topic("astronomy")),
        ("rust async", "en", "keyword", ["Rust async and tokio", "rust async tutorial"]),
        ("ratatouille", "fr", "keyword", Topic("ratatouille")),
        ("tarte", "fr", "keyword", Topic("tarte")),
        ("Brot", "de", "keyword", ["Brot backen ohne Kneten", "brot backen rezept"]),
        ("Radiohead", "en", "keyword", ["Radiohead"]),
        ("Stromae", "fr", "keyword", ["Stromae"]),
        ("Kraftwerk Autobahn", "de", "keyword", ["Autobahn"]),
        ("PostgreSQL", "en", "keyword", ["PostgreSQL - Wikipedia", "npgsql/npgsql: .NET access to PostgreSQL"]),
        ("Orleans", "en", "keyword", ["Orleans (software) - Wikipedia", "dotnet/orleans: Cloud Native application framework"]),
        ("Wikipedia", "en", "keyword", [.. Site("en.wikipedia.org")]),
        ("photos", "en", "keyword", ["Photos from the trip", "Les photos de Paris"]),
        ("dinner", "en", "keyword", ["Dinner on Friday?"]),
        ("invoice", "en", "keyword", ["Re: the invoice"]),
        ("Hitzewelle", "de", "keyword", ["Wetter in Deutschland: Hitzewelle erwartet"]),
        ("Bahnstreik", "de", "keyword", ["Bahnstreik: Was Reisende wissen müssen"]),
        ("baignade Seine", "fr", "keyword", ["Paris : la Seine ouverte à la baignade"]),
        ("recette", "fr", "keyword", ["Recette de la ratatouille provençale", "recette ratatouille", "recette tarte tatin"]),
        ("Abendessen", "de", "keyword", ["Abendessen am Samstag"]),
        ("Schlüssel", "de", "keyword", ["Wohnungsübergabe und Schlüssel"]),
        ("semaine prochaine", "fr", "keyword", ["Rendez-vous la semaine prochaine"]),
        ("Daft Punk", "en", "keyword", ["Daft Punk"]),
        ("Nina Simone", "en", "keyword", ["Nina Simone"]),
        ("heel hooks", "en", "keyword", ["Bouldering technique: heel hooks"]),
        ("Milky Way", "en", "keyword", ["Astronomy: photographing the Milky Way"]),
        ("Saturn", "en", "keyword", ["Astronomy: Saturn's rings explained", "astronomy saturn"]),
        ("tokio", "en", "keyword", ["Rust async and tokio"]),
        ("anyhow", "en", "keyword", ["Rust error handling with anyhow"]),
        ("sourd", "en", "prefix", [.. Topic("sourdough"), "Sourdough - Wikipedia"]),
        ("boulder", "en", "prefix", Topic("bouldering")),
        ("astro", "en", "prefix", Topic("astronomy")),
        ("ratat", "fr", "prefix", Topic("ratatouille")),
        ("Papaou", "fr", "prefix", ["Papaoutai"]),
        ("Wohnungs", "de", "prefix", ["Wohnungsübergabe und Schlüssel"]),
        ("sourdoguh", "en", "typo", [.. Topic("sourdough"), "Sourdough - Wikipedia"]),
        ("boudlering", "en", "typo", Topic("bouldering")),
        ("astronmy", "en", "typo", Topic("astronomy")),
        ("ratatouile", "fr", "typo", Topic("ratatouille")),
        ("Radiohed", "en", "typo", ["Radiohead"]),
        ("Stromea", "fr", "typo", ["Stromae"]),
        ("Kraftwrek", "de", "typo", ["Kraftwerk"]),
        ("Fontainbleau", "fr", "typo", ["Bouldering Fontainebleau trip"]),
        ("Tempelhoff", "de", "typo", ["Tempelhof Airport - Wikipedia"]),
        ("Brooklin Bridge", "en", "typo", ["Brooklyn Bridge - Wikipedia"]),
        ("Billie Elish", "en", "typo", ["Billie Eilish"]),
        ("Apfelstrudl", "de", "typo", ["Apfelstrudel wie bei Oma"]),
        ("Hitzwelle", "de", "typo", ["Wetter in Deutschland: Hitzewelle erwartet"]),
        ("Alors on dance", "fr", "typo", ["Alors on danse"]),
        ("how to bake bread at home", "en", "meaning",
            [.. Topic("sourdough"), "Sourdough - Wikipedia", "Brot backen ohne Kneten", "Roggenbrot selber backen", "Brötchen zum Frühstück", "brot backen rezept", "roggenbrot sauerteig"]),
        ("rock climbing videos", "en", "meaning", Topic("bouldering")),
        ("stars, planets and telescopes", "en", "meaning", Topic("astronomy")),
        ("a systems programming language", "en", "meaning", [.. Topic("rust"), .. Site("docs.rust-lang.org")]),
        ("French vegetable stew", "en", "meaning", Topic("ratatouille")),
        ("apple dessert", "en", "meaning", ["Tarte Tatin facile", "Tarte aux pommes de grand-mère", "Apfelstrudel wie bei Oma", "recette tarte tatin"]),
        ("lemon pie", "en", "meaning", ["Tarte au citron meringuée", "tarte au citron"]),
        ("train strike", "en", "meaning", ["Bahnstreik: Was Reisende wissen müssen"]),
        ("heat wave", "en", "meaning", ["Wetter in Deutschland: Hitzewelle erwartet", "Climat : un été record en Europe"]),
        ("swimming in the river in Paris", "en", "meaning", ["Paris : la Seine ouverte à la baignade"]),
        ("nearest neighbour search for embeddings", "en", "meaning", ["pgvector/pgvector: Open-source vector similarity search"]),
        ("distributed virtual actors", "en", "meaning", ["Orleans (software) - Wikipedia", "dotnet/orleans: Cloud Native application framework"]),
        ("memory safety and borrowing", "en", "meaning", ["Rust ownership in ten minutes", "rust borrow checker"]),
        ("photographing the night sky", "en", "meaning", ["Astronomy: photographing the Milky Way", "Astronomy for beginners: the Orion nebula", "Astronomy with binoculars"]),
        ("old airport in Berlin", "en", "meaning", ["Tempelhof Airport - Wikipedia"]),
        ("evening meal plans", "en", "meaning", ["Dinner on Friday?", "Abendessen am Samstag"]),
        ("bill to pay", "en", "meaning", ["Re: the invoice"]),
        ("handing over the flat keys", "en", "meaning", ["Wohnungsübergabe und Schlüssel"]),
        ("bread without kneading", "en", "meaning", ["Brot backen ohne Kneten"]),
        ("which climbing shoes to buy", "en", "meaning", ["bouldering shoes"]),
        ("grandmother's recipes", "en", "meaning", ["Apfelstrudel wie bei Oma", "Tarte aux pommes de grand-mère"]),
        ("Berlin news", "en", "meaning", ["Nachrichten aus Berlin - DER SPIEGEL"]),
        ("Sterne und Planeten beobachten", "de", "meaning", Topic("astronomy")),
        ("recette de pain", "fr", "meaning", [.. Topic("sourdough"), "Brot backen ohne Kneten", "Roggenbrot selber backen"]),
        ("Klettern lernen", "de", "meaning", Topic("bouldering")),
        ("programmation asynchrone", "fr", "meaning", ["Rust async and tokio", "rust async tutorial"]),
    ];

    public static IReadOnlyList<SearchCase> For(SyntheticPersonYear person)
    {
        var titles = RecordTitles(person);
        var cases = new List<SearchCase>();
        foreach (var (query, language, kind, relevant) in Judged)
        {
            var present = relevant.Distinct().Where(item => titles.Any(title => title.Contains(item, StringComparison.OrdinalIgnoreCase))).ToList();
            if (present.Count == 0)
            {
                continue;
            }

            var judged = new SearchCase(query, language, kind, present, 0);
            cases.Add(judged with { RelevantRecords = titles.Count(title => judged.ItemOf(title) is not null) });
        }

        return cases;
    }

    /// <summary>The title each of the person's text records has once imported (what a search result shows).</summary>
    private static List<string> RecordTitles(SyntheticPersonYear person) =>
    [
        .. person.Watches.Select(watch => watch.Title),
        .. person.Searches.Select(search => search.Query),
        .. person.Pages.Select(page => page.Title),
        .. person.Mails.Select(mail => mail.Subject),
        .. person.Plays.Select(play => $"{play.Artist} — {play.Track}"),
    ];

    private static string[] Topic(string word)
    {
        var topic = PersonTastes.Topics.Single(topic => topic.Word == word);
        return [.. topic.Titles, .. topic.Searches];
    }

    private static string[] Site(string host) => PersonTastes.Sites.Single(site => site.Host == host).Titles;
}

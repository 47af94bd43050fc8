namespace Datapunk.Benchmarks.SearchScale;

/// <summary>
/// The words the search-scale corpus is written in: real English, German and French words (with
/// inflected forms, so the stemmers have work: Häuser/Haus, running/runs, châteaux/château) at the
/// head of each language's Zipf distribution, then a long tail of pronounceable made-up words (names,
/// rare terms) shared by all languages. Word r of a language is drawn with probability ∝ 1 / r^1.07.
/// </summary>
internal sealed class SearchVocabulary
{
    public const int TailWords = 60_000;

    private const double ZipfExponent = 1.07;

    private static readonly string[] English =
    [
        "the", "new", "video", "how", "to", "music", "live", "best", "official", "review", "trailer", "recipe", "running", "runs", "run",
        "museum", "garden", "train", "station", "meeting", "concert", "weather", "football", "lighthouse", "keeper", "diary", "mountain",
        "river", "coffee", "kitchen", "guitar", "piano", "lesson", "tutorial", "history", "travel", "holiday", "photos", "birthday",
        "party", "invoice", "payment", "order", "delivery", "flight", "hotel", "booking", "project", "report", "update", "release",
        "houses", "house", "walking", "cycling", "bicycle", "repair", "climbing", "winter", "summer", "autumn", "spring", "beach",
        "island", "city", "bridge", "market", "bakery", "bread", "cheese", "wine", "dinner", "lunch", "breakfast", "school", "library",
        "books", "reading", "novel", "poetry", "science", "space", "rocket", "planet", "stars", "astronomy", "physics", "chemistry",
        "programming", "database", "server", "cluster", "postgres", "search", "index", "security", "privacy", "camera", "lens",
        "painting", "drawing", "sculpture", "gallery", "theatre", "opera", "cinema", "documentary", "interview", "podcast", "news",
    ];

    private static readonly string[] German =
    [
        "der", "die", "und", "das", "neue", "häuser", "haus", "bahnhof", "zug", "fahrkarte", "wetter", "konzert", "museum", "garten",
        "küche", "rezept", "kuchen", "brot", "käse", "wanderung", "wandern", "berge", "fluss", "see", "urlaub", "reise", "reisen",
        "rechnung", "zahlung", "bestellung", "lieferung", "termin", "besprechung", "arbeit", "büro", "straße", "straßenbahn", "fahrrad",
        "reparatur", "winter", "sommer", "herbst", "frühling", "strand", "insel", "stadt", "brücke", "markt", "bäckerei", "wein",
        "abendessen", "mittagessen", "frühstück", "schule", "bibliothek", "bücher", "lesen", "geschichte", "wissenschaft", "sterne",
        "geburtstag", "feier", "freunde", "familie", "kinder", "hund", "katze", "spaziergang", "kirche", "schloss", "schlösser",
        "ausstellung", "theater", "kino", "nachrichten", "sendung", "fußball", "mannschaft", "spiel", "spiele", "wohnung", "umzug",
    ];

    private static readonly string[] French =
    [
        "le", "la", "et", "les", "nouveau", "château", "châteaux", "maison", "maisons", "gare", "train", "billet", "météo", "concert",
        "musée", "jardin", "cuisine", "recette", "gâteau", "pain", "fromage", "randonnée", "montagne", "rivière", "lac", "vacances",
        "voyage", "voyages", "facture", "paiement", "commande", "livraison", "rendez-vous", "réunion", "travail", "bureau", "rue",
        "vélo", "réparation", "hiver", "été", "automne", "printemps", "plage", "île", "ville", "pont", "marché", "boulangerie", "vin",
        "dîner", "déjeuner", "école", "bibliothèque", "livres", "lecture", "histoire", "science", "étoiles", "anniversaire", "fête",
        "amis", "famille", "enfants", "chien", "chat", "promenade", "église", "exposition", "théâtre", "cinéma", "nouvelles",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ra", "ven", "tor", "sel", "an", "bri", "dun", "fel", "gor", "hal", "is", "jun", "kel", "lam", "mor", "nel",
        "os", "pra", "qui", "ros", "sta", "tun", "ul", "vid", "wen", "xa", "yor", "zel", "ber", "cha", "dre", "eck", "fin",
    ];

    private readonly string[][] _languages;
    private readonly double[][] _cumulative;

    public SearchVocabulary()
    {
        var tail = new string[TailWords];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(7);
        for (var i = 0; i < TailWords;)
        {
            var word = string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Syllables[random.Next(Syllables.Length)]));
            if (seen.Add(word))
            {
                tail[i++] = word;
            }
        }

        Tail = tail;
        _languages = [[.. English, .. tail], [.. German, .. tail], [.. French, .. tail]];
        _cumulative = [.. _languages.Select(words => Cumulative(words.Length))];
    }

    /// <summary>The made-up words, most frequent first: tail[0] is common, tail[^1] appears a few times in 10 million records.</summary>
    public IReadOnlyList<string> Tail { get; }

    /// <summary>A word of <paramref name="language"/> (0 English, 1 German, 2 French) by the Zipf distribution.</summary>
    public string Word(int language, Random random)
    {
        var cumulative = _cumulative[language];
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return _languages[language][index < 0 ? ~index : index];
    }

    /// <summary><paramref name="count"/> words of one language, space-separated.</summary>
    public string Words(int language, int count, Random random)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = Word(language, random);
        }

        return string.Join(' ', words);
    }

    private static double[] Cumulative(int count)
    {
        var cumulative = new double[count];
        var sum = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, ZipfExponent);
            cumulative[rank] = sum;
        }

        return cumulative;
    }
}

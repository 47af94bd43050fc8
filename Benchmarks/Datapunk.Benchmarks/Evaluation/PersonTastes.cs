namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// What the synthetic person listens to, watches, searches, reads and whom they write to: music with a
/// favourite artist per season, YouTube topics that come and go with the months (some in German and
/// French), websites in three languages, and correspondents written to with different frequencies.
/// </summary>
internal static class PersonTastes
{
    public static readonly (string Artist, string[] Tracks)[] Artists =
    [
        ("Radiohead", ["Reckoner", "Nude", "Weird Fishes", "No Surprises"]),
        ("Daft Punk", ["Digital Love", "Instant Crush", "Something About Us"]),
        ("Stromae", ["Alors on danse", "Papaoutai", "Formidable"]),
        ("Nina Simone", ["Sinnerman", "Feeling Good", "I Put a Spell on You"]),
        ("Kraftwerk", ["Das Model", "Autobahn", "Computerliebe"]),
        ("Christine and the Queens", ["Tilted", "Paradis perdus", "Saint Claude"]),
        ("AnnenMayKantereit", ["Pocahontas", "Barfuß am Klavier", "Oft gefragt"]),
        ("Billie Eilish", ["Ocean Eyes", "Lovely", "Happier Than Ever"]),
    ];

    /// <summary>The favourite artist (index into <see cref="Artists"/>) of each month, January first.</summary>
    public static readonly int[] FavouriteByMonth = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 0];

    public sealed record VideoTopic(string Word, string Channel, string[] Titles, string[] Searches, int[] Months);

    public static readonly VideoTopic[] Topics =
    [
        new("sourdough", "Baking With Anna",
            ["Sourdough bread for beginners", "Sourdough starter explained", "Why my sourdough is flat", "Sourdough baguettes at home", "Sourdough hydration and crumb"],
            ["sourdough starter", "sourdough hydration"], [1, 2, 3, 11, 12]),
        new("bouldering", "Climbing Daily",
            ["Bouldering technique: heel hooks", "Bouldering for beginners", "Bouldering footwork drills", "Bouldering Fontainebleau trip"],
            ["bouldering technique", "bouldering shoes"], [4, 5, 6, 7, 8, 9]),
        new("astronomy", "Night Sky Guide",
            ["Astronomy for beginners: the Orion nebula", "Astronomy: Saturn's rings explained", "Astronomy with binoculars", "Astronomy: photographing the Milky Way"],
            ["astronomy binoculars", "astronomy saturn"], [9, 10, 11, 12, 1]),
        new("rust", "Rust Explained",
            ["Rust ownership in ten minutes", "Rust async and tokio", "Rust traits and generics", "Rust error handling with anyhow"],
            ["rust async tutorial", "rust borrow checker"], [2, 3, 4, 5, 6, 9, 10]),
        new("brot", "Backen mit Oma",
            ["Brot backen ohne Kneten", "Apfelstrudel wie bei Oma", "Roggenbrot selber backen", "Brötchen zum Frühstück"],
            ["brot backen rezept", "roggenbrot sauerteig"], [1, 2, 10, 11, 12]),
        new("ratatouille", "Cuisine de Julie",
            ["Recette de la ratatouille provençale", "Ratatouille au four facile", "La vraie ratatouille niçoise"],
            ["recette ratatouille", "ratatouille au four"], [6, 7, 8, 9]),
        new("tarte", "Cuisine de Julie",
            ["Tarte Tatin facile", "Tarte aux pommes de grand-mère", "Tarte au citron meringuée"],
            ["recette tarte tatin", "tarte au citron"], [3, 4, 5, 10]),
    ];

    public static readonly (string Host, string[] Titles)[] Sites =
    [
        ("en.wikipedia.org", ["Orleans (software) - Wikipedia", "PostgreSQL - Wikipedia", "Brooklyn Bridge - Wikipedia", "Sourdough - Wikipedia", "Tempelhof Airport - Wikipedia"]),
        ("github.com", ["dotnet/orleans: Cloud Native application framework", "pgvector/pgvector: Open-source vector similarity search", "npgsql/npgsql: .NET access to PostgreSQL"]),
        ("news.ycombinator.com", ["Hacker News", "Ask HN: What are you working on?", "Show HN: A tiny database"]),
        ("www.spiegel.de", ["Nachrichten aus Berlin - DER SPIEGEL", "Wetter in Deutschland: Hitzewelle erwartet", "Bahnstreik: Was Reisende wissen müssen"]),
        ("www.lemonde.fr", ["Le Monde.fr - Actualités et Infos", "Paris : la Seine ouverte à la baignade", "Climat : un été record en Europe"]),
        ("docs.rust-lang.org", ["The Rust Programming Language", "std::sync::Arc - Rust", "Error Handling - The Rust Book"]),
    ];

    /// <summary>Correspondents with how often a sent mail goes to them (weights add up to 100).</summary>
    public static readonly (string Name, string Address, int Weight)[] Correspondents =
    [
        ("Alice Martin", "alice.martin@example.org", 34),
        ("Bob Schulz", "bob.schulz@example.de", 24),
        ("Claire Dubois", "claire.dubois@example.fr", 18),
        ("Dmitri Ivanov", "dmitri@example.com", 14),
        ("Eva Weber", "eva.weber@example.de", 10),
    ];

    public static readonly string[] MailSubjects =
    [
        "Plans for the weekend", "Dinner on Friday?", "Photos from the trip", "Re: the invoice", "Abendessen am Samstag",
        "Wohnungsübergabe und Schlüssel", "Rendez-vous la semaine prochaine", "Les photos de Paris", "Climbing on Sunday?", "Book recommendation",
    ];

    public const string OwnAddress = "sam.keller@example.net";

    public const string OwnName = "Sam Keller";
}

using static Datapunk.Benchmarks.Evaluation.QuestionWords;

namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// "How many / how long …", "top N …", "what did I watch about …" and "who did I write to most"
/// questions about <see cref="SyntheticPersonYear"/>, with periods read on the profile's clock
/// (Europe/Berlin; no trip crosses a month's edge, so the month is the same where the person was).
/// </summary>
internal static class CountAndTopQuestions
{
    private const string Profile = "Europe/Berlin";

    private static int MonthOf(DateTime utc) => SyntheticPersonYear.ToLocal(utc, Profile).Month;

    public static IEnumerable<AskCase> Counts(SyntheticPersonYear person)
    {
        for (var month = 1; month <= 12; month++)
        {
            var language = Languages[month % 3];
            var period = InMonth(month, language);
            var plays = person.Plays.Count(play => MonthOf(play.Ended) == month);
            yield return new AskCase("count (songs)", language, language switch
            {
                "de" => $"Wie viele Lieder habe ich {period} gehört?",
                "fr" => $"Combien de chansons ai-je écoutées {period} ?",
                _ => $"How many songs did I listen to {period}?",
            }, "count", [$"{Count(plays)} Spotify plays"]);

            var videos = person.Watches.Count(watch => MonthOf(watch.Time) == month);
            yield return new AskCase("count (videos)", language, language switch
            {
                "de" => $"Wie viele Videos habe ich {period} gesehen?",
                "fr" => $"Combien de vidéos ai-je regardées {period} ?",
                _ => $"How many videos did I watch {period}?",
            }, "count", [$"{Count(videos)} YouTube videos watched"]);

            var gym = person.Visits.Count(visit => visit.Place == PersonPlaces.Gym && MonthOf(visit.Start) == month);
            var english = InMonth(month, "en");
            yield return new AskCase("count (place visits)", "en", $"How many times did I visit {PersonPlaces.Gym.Name} {english}?", "count",
                [$"{Count(gym)} place visit{(gym == 1 ? "" : "s")} matching"]);
            if (month % 2 == 0)
            {
                var sent = person.Mails.Count(mail => mail.Sent && MonthOf(mail.Time) == month);
                yield return new AskCase("count (mail)", "en", $"How many emails did I send {english}?", "count", [$"{Count(sent)} e-mails sent"]);
                var pages = person.Pages.Count(page => MonthOf(page.Time) == month);
                yield return new AskCase("count (web pages)", "en", $"How many web pages did I visit {english}?", "count", [$"{Count(pages)} visits to web pages"]);
            }

            if (month % 4 == 0)
            {
                var searches = person.Searches.Count(search => MonthOf(search.Time) == month);
                yield return new AskCase("count (searches)", "en", $"How many YouTube searches did I make {english}?", "count", [$"{Count(searches)} YouTube searches"]);
                var listened = person.Plays.Where(play => MonthOf(play.Ended) == month).ToList();
                var minutes = (long)Math.Round(listened.Sum(play => (double)play.Milliseconds) / 60_000);
                yield return new AskCase("count (listening time)", "en", $"How long did I listen to music {english}?", "count",
                    [minutes < 60 ? $"{minutes} minutes" : $"{minutes / 60} h {minutes % 60:00} min", $"in {Count(listened.Count)} plays"]);
            }
        }
    }

    public static IEnumerable<AskCase> Tops(SyntheticPersonYear person)
    {
        for (var month = 1; month <= 12; month++)
        {
            var language = Languages[month % 3];
            var question = language switch
            {
                "de" => $"Meine Top 3 Künstler {InMonth(month, language)}",
                "fr" => $"Quels artistes ai-je le plus écoutés {InMonth(month, language)} ?",
                _ => $"Top 3 artists {InMonth(month, language)}",
            };
            if (Leader(person.Plays.Where(play => MonthOf(play.Ended) == month).Select(play => play.Artist)) is { } leader)
            {
                yield return new AskCase("top (artists)", language, question, "top", [$"1. {leader.Key} ({leader.Count} plays)"]);
            }
        }

        foreach (var (first, last) in Quarters())
        {
            var inQuarter = (DateTime utc) => DateOnly.FromDateTime(SyntheticPersonYear.ToLocal(utc, Profile)) is var day && day >= first && day <= last;
            var between = $"between {Date(first, "en")} and {Date(last, "en")}";
            if (Leader(person.Plays.Where(play => inQuarter(play.Ended)).Select(play => play.Artist)) is { } artist)
            {
                yield return new AskCase("top (artists)", "en", $"Who are my top 3 artists {between}?", "top", [$"1. {artist.Key} ({artist.Count} plays)"]);
            }

            if (Leader(person.Watches.Where(watch => inQuarter(watch.Time)).Select(watch => watch.Channel)) is { } channel)
            {
                yield return new AskCase("top (channels)", "en", $"What are my top 3 YouTube channels {between}?", "top", [$"1. {channel.Key} ({channel.Count} videos watched)"]);
            }

            if (Leader(person.Pages.Where(page => inQuarter(page.Time)).Select(page => new Uri(page.Url).Host.Replace("www.", "", StringComparison.Ordinal))) is { } site)
            {
                yield return new AskCase("top (websites)", "en", $"Top 3 websites {between}", "top", [$"1. {site.Key} ({site.Count} page visits)"]);
            }
        }

        var places = person.Visits.GroupBy(visit => visit.Place.Name).OrderByDescending(group => group.Count()).Take(3).ToList();
        yield return new AskCase("top (places)", "en", "Top 3 places in 2025", "top",
            [.. places.Select((group, index) => $"{index + 1}. {group.Key} ({group.Count()} visits)")]);
    }

    public static IEnumerable<AskCase> Topics(SyntheticPersonYear person)
    {
        var i = 0;
        foreach (var topic in PersonTastes.Topics)
        {
            var language = Languages[i++ % 3];
            var question = language switch
            {
                "de" => $"Was habe ich über {topic.Word} gesehen?",
                "fr" => $"Qu'est-ce que j'ai regardé sur {topic.Word} ?",
                _ => $"What did I watch about {topic.Word}?",
            };
            var matches = person.Watches.Count(watch => watch.Title.Contains(topic.Word, StringComparison.OrdinalIgnoreCase));
            yield return new AskCase("about a topic (videos)", language, question, "about_topic", [$"{Count(matches)} match{(matches == 1 ? "" : "es")} for \"{topic.Word}\""]);
        }

        foreach (var word in new[] { "sourdough", "bouldering", "ratatouille", "astronomy" })
        {
            var matches = person.Searches.Count(search => search.Query.Contains(word, StringComparison.OrdinalIgnoreCase));
            yield return new AskCase("about a topic (searches)", "en", $"What did I search for about {word}?", "about_topic",
                [$"{Count(matches)} match{(matches == 1 ? "" : "es")} for \"{word}\""]);
        }
    }

    public static IEnumerable<AskCase> WroteMost(SyntheticPersonYear person)
    {
        string Top(IEnumerable<Mail> mails) => Leader(mails.Where(mail => mail.Sent).Select(mail => mail.To)) is { } top ? $"1. {top.Key} ({top.Count} e-mails)" : "nothing";
        yield return new AskCase("wrote most", "en", "Who did I write to most?", "wrote_most", [Top(person.Mails)]);
        yield return new AskCase("wrote most", "de", "Wem habe ich am meisten geschrieben?", "wrote_most", [Top(person.Mails)]);
        yield return new AskCase("wrote most", "fr", "À qui ai-je le plus écrit ?", "wrote_most", [Top(person.Mails)]);
        foreach (var month in new[] { 2, 5, 8, 11 })
        {
            var top = Top(person.Mails.Where(mail => MonthOf(mail.Time) == month));
            if (top != "nothing")
            {
                yield return new AskCase("wrote most", "en", $"Who did I write to most {InMonth(month, "en")}?", "wrote_most", [top]);
            }
        }
    }

    /// <summary>The most frequent value when it leads alone (a tie has no single right first place).</summary>
    private static (string Key, int Count)? Leader(IEnumerable<string> values)
    {
        var counts = values.GroupBy(value => value).Select(group => (group.Key, Count: group.Count())).OrderByDescending(pair => pair.Count).Take(2).ToList();
        return counts.Count == 0 || (counts.Count == 2 && counts[0].Count == counts[1].Count) ? null : counts[0];
    }

    private static IEnumerable<(DateOnly First, DateOnly Last)> Quarters() =>
        Enumerable.Range(0, 4).Select(quarter => new DateOnly(SyntheticPersonYear.Year, (quarter * 3) + 1, 1))
            .Select(first => (first, first.AddMonths(3).AddDays(-1)));
}

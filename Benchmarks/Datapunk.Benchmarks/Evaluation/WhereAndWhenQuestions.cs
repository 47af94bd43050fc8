using static Datapunk.Benchmarks.Evaluation.QuestionWords;

namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// "Where was I on / at …" and "when did I last …" questions about <see cref="SyntheticPersonYear"/>.
/// A day is the local day where the person was (a New York day is New York's); the answer must name
/// every place of that day with its local start and end. "When last" answers must give the newest
/// record's time on the clock the answer names (the profile's zone, Europe/Berlin).
/// </summary>
internal static class WhereAndWhenQuestions
{
    private const string Profile = "Europe/Berlin";

    public static IEnumerable<AskCase> WhereOnDay(SyntheticPersonYear person)
    {
        var random = new Random(person.Seed + 1);
        var days = Enumerable.Range(0, 30).Select(_ => new DateOnly(SyntheticPersonYear.Year, 1, 1).AddDays(random.Next(365)))
            .Concat(PersonPlaces.Trips.SelectMany(trip => new[] { trip.First, trip.First.AddDays(1), trip.Last }))
            .Distinct().Order().ToList();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var zone = SyntheticPersonYear.ZoneOn(day);
            var language = Languages[i % 3];
            var question = language switch
            {
                "de" => $"Wo war ich am {Date(day, language)}?",
                "fr" => $"Où étais-je le {Date(day, language)} ?",
                _ => $"Where was I on {Date(day, language)}?",
            };
            var expected = person.Visits.Where(visit => DateOnly.FromDateTime(SyntheticPersonYear.ToLocal(visit.Start, zone)) == day)
                .Select(visit => $"{visit.Place.Name} ({Clock(visit.Start, zone)}–{Clock(visit.End, zone)})").ToList();
            yield return new AskCase(zone == Profile ? "where on a day (home zone)" : "where on a day (abroad)", language, question, "where_was_i", expected);
        }
    }

    public static IEnumerable<AskCase> WhereAtTime(SyntheticPersonYear person)
    {
        var random = new Random(person.Seed + 2);
        var abroad = person.Visits.Where(visit => visit.Place.Zone != Profile).ToList();
        // Random stays, and two on each trip, where the asked time is on the destination's clock.
        var visits = Enumerable.Range(0, 18).Select(_ => person.Visits[random.Next(person.Visits.Count)])
            .Concat(Enumerable.Range(0, 6).Select(_ => abroad[random.Next(abroad.Count)]))
            .ToList();
        for (var i = 0; i < visits.Count; i++)
        {
            var visit = visits[i];
            var zone = visit.Place.Zone;
            var at = SyntheticPersonYear.ToLocal(visit.Start, zone).AddMinutes(30);
            var day = DateOnly.FromDateTime(at);
            var language = Languages[i % 3];
            var question = language switch
            {
                "de" when at.Minute == 0 => $"Wo war ich am {Date(day, language)} um {at.Hour} Uhr?",
                "de" => $"Wo war ich am {Date(day, language)} um {at:HH:mm} Uhr?",
                "fr" => $"Où étais-je le {Date(day, language)} à {at.Hour}h{at.Minute:00} ?",
                _ => $"Where was I at {at:HH:mm} on {Date(day, language)}?",
            };
            yield return new AskCase(zone == Profile ? "where at a time (home zone)" : "where at a time (abroad)", language, question, "where_was_i",
                [$"{visit.Place.Name} ({Clock(visit.Start, zone)}–{Clock(visit.End, zone)})"]);
        }
    }

    public static IEnumerable<AskCase> WhenLast(SyntheticPersonYear person)
    {
        var i = 0;
        foreach (var (artist, _) in PersonTastes.Artists)
        {
            var last = person.Plays.Where(play => play.Artist == artist).MaxBy(play => play.Ended)!;
            var language = Languages[i++ % 3];
            var question = language switch
            {
                "de" => $"Wann habe ich zuletzt {artist} gehört?",
                "fr" => $"Quand ai-je écouté {artist} pour la dernière fois ?",
                _ => $"When did I last listen to {artist}?",
            };
            yield return new AskCase("when last (music)", language, question, "when_last", [Local(last.Ended, Profile), $"{artist} — {last.Track}"]);
        }

        foreach (var place in person.Visits.Select(visit => visit.Place).Distinct().Where(place => place != PersonPlaces.Home && place != PersonPlaces.Office))
        {
            var last = person.Visits.Where(visit => visit.Place == place).MaxBy(visit => visit.Start)!;
            var language = i++ % 2 == 0 ? "en" : "de";
            var question = language == "de" ? $"Wann war ich zuletzt in {place.Name}?" : $"When was I last at {place.Name}?";
            yield return new AskCase("when last (places)", language, question, "when_last", [Local(last.Start, Profile)]);
        }

        foreach (var topic in PersonTastes.Topics)
        {
            var last = person.Watches.Where(watch => watch.Title.Contains(topic.Word, StringComparison.OrdinalIgnoreCase)).MaxBy(watch => watch.Time)!;
            yield return new AskCase("when last (videos)", "en", $"When did I last watch {topic.Word}?", "when_last", [Local(last.Time, Profile), last.Title]);
        }

        foreach (var query in PersonTastes.Topics.Take(4).Select(topic => topic.Searches[0]))
        {
            var last = person.Searches.Where(search => search.Query.Contains(query, StringComparison.OrdinalIgnoreCase)).MaxBy(search => search.Time);
            if (last is not null)
            {
                yield return new AskCase("when last (searches)", "en", $"When did I last search for {query}?", "when_last", [Local(last.Time, Profile)]);
            }
        }

        foreach (var (name, address, _) in PersonTastes.Correspondents)
        {
            var last = person.Mails.Where(mail => mail.Sent && mail.To.Contains(address, StringComparison.Ordinal)).MaxBy(mail => mail.Time)!;
            yield return new AskCase("when last (mail)", "en", $"When did I last write to {name}?", "when_last", [Local(last.Time, Profile)]);
        }
    }
}

namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// A year (2025) in the life of a synthetic person living in Berlin, deterministic from a seed: every
/// place visit, Spotify play, YouTube watch and search, Chrome page and mail, in UTC. The known facts the
/// evaluation's questions ask about are read back from these lists, so they are exact by construction.
/// </summary>
internal sealed class SyntheticPersonYear
{
    public const int Year = 2025;

    private readonly Random _random;

    public int Seed { get; }

    public List<Visit> Visits { get; } = [];

    public List<Play> Plays { get; } = [];

    public List<Watch> Watches { get; } = [];

    public List<YouTubeSearch> Searches { get; } = [];

    public List<PageVisit> Pages { get; } = [];

    public List<Mail> Mails { get; } = [];

    public SyntheticPersonYear(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
        for (var day = new DateOnly(Year, 1, 1); day.Year == Year; day = day.AddDays(1))
        {
            LiveDay(day);
        }
    }

    /// <summary>The zone the person's clocks showed on a local date (a trip's destination, else Berlin).</summary>
    public static string ZoneOn(DateOnly day) => PersonPlaces.TripOn(day)?.Hotel.Zone ?? PersonPlaces.Home.Zone;

    public static DateTime Utc(DateOnly day, int hour, int minute, string zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    public static DateTime ToLocal(DateTime utc, string zone) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(zone));

    private void LiveDay(DateOnly day)
    {
        var zone = ZoneOn(day);
        if (PersonPlaces.TripOn(day) is { } trip)
        {
            Stay(trip.Hotel, day, (0, 0), (9, 0));
            var sights = trip.Sights;
            var first = sights[(day.DayNumber * 2) % sights.Length];
            var second = sights[((day.DayNumber * 2) + 1) % sights.Length];
            Stay(first, day, (10, 0), (13, 0));
            Stay(second, day, (14, 30), (17, 30));
            Stay(trip.Hotel, day, (19, 0), (23, 59));
        }
        else if (PersonPlaces.TripOn(day.AddDays(-1)) is not null)
        {
            // Back from a trip on the night flight: home from noon, a day off.
            Stay(PersonPlaces.Home, day, (12, 0), (23, 59));
        }
        else if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            Stay(PersonPlaces.Home, day, (0, 0), (10, 15));
            var outing = PersonPlaces.Weekend[_random.Next(PersonPlaces.Weekend.Length)];
            Stay(outing, day, (11, 0), (14, 0 + _random.Next(0, 4) * 10));
            Stay(PersonPlaces.Home, day, (15, 0), (23, 59));
        }
        else
        {
            Stay(PersonPlaces.Home, day, (0, 0), (7, 45));
            Stay(PersonPlaces.Office, day, (8, 30), (17, 30));
            if (day.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday)
            {
                Stay(PersonPlaces.Gym, day, (18, 0), (19, 15));
                Stay(PersonPlaces.Home, day, (19, 45), (23, 59));
            }
            else if (day.DayOfWeek == DayOfWeek.Wednesday && day.DayNumber % 14 < 7)
            {
                Stay(PersonPlaces.Trattoria, day, (19, 0), (21, 0));
                Stay(PersonPlaces.Home, day, (21, 30), (23, 59));
            }
            else
            {
                Stay(PersonPlaces.Home, day, (18, 0), (23, 59));
            }
        }

        Listen(day, zone);
        WatchAndSearch(day, zone);
        Browse(day, zone);
        Write(day, zone);
    }

    private void Stay(Place place, DateOnly day, (int Hour, int Minute) from, (int Hour, int Minute) to) =>
        Visits.Add(new Visit(place, Utc(day, from.Hour, from.Minute, place.Zone), Utc(day, to.Hour, to.Minute, place.Zone)));

    private void Listen(DateOnly day, string zone)
    {
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var plays = weekend ? 8 + _random.Next(5) : 4 + _random.Next(4);
        var favourite = PersonTastes.FavouriteByMonth[day.Month - 1];
        var clock = Utc(day, weekend ? 11 : 7, 30, zone).AddMinutes(_random.Next(30));
        for (var i = 0; i < plays; i++)
        {
            var artist = _random.Next(100) < 45 ? favourite : _random.Next(PersonTastes.Artists.Length);
            var (name, tracks) = PersonTastes.Artists[artist];
            var track = tracks[_random.Next(tracks.Length)];
            var milliseconds = 90_000L + _random.Next(180_000);
            clock = clock.AddMilliseconds(milliseconds);
            Plays.Add(new Play(name, track, clock, milliseconds, $"spotify:track:eval{artist}x{Array.IndexOf(tracks, track)}"));
            if (i == plays / 2)
            {
                clock = clock.AddHours(weekend ? 5 : 11);
            }
        }
    }

    private void WatchAndSearch(DateOnly day, string zone)
    {
        var topics = PersonTastes.Topics.Where(topic => topic.Months.Contains(day.Month)).ToArray();
        var watches = 1 + _random.Next(3);
        for (var i = 0; i < watches; i++)
        {
            var topic = topics[_random.Next(topics.Length)];
            var title = topic.Titles[_random.Next(topic.Titles.Length)];
            var at = Utc(day, 20, 0, zone).AddMinutes((i * 25) + _random.Next(20));
            Watches.Add(new Watch(title, topic.Channel, $"ev{Math.Abs(title.GetHashCode(StringComparison.Ordinal)) % 100_000:D5}{Array.IndexOf(PersonTastes.Topics, topic)}", at));
        }

        if (day.DayNumber % 2 == 0)
        {
            var topic = topics[_random.Next(topics.Length)];
            Searches.Add(new YouTubeSearch(topic.Searches[_random.Next(topic.Searches.Length)], Utc(day, 19, 40, zone).AddMinutes(_random.Next(15))));
        }
    }

    private void Browse(DateOnly day, string zone)
    {
        var pages = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 2 : 3 + _random.Next(4);
        for (var i = 0; i < pages; i++)
        {
            // Wikipedia and GitHub are read most, news in German and French less.
            var site = PersonTastes.Sites[Math.Min(_random.Next(8), PersonTastes.Sites.Length - 1) switch { 6 => 0, var n => n }];
            var title = site.Titles[_random.Next(site.Titles.Length)];
            var slug = Uri.EscapeDataString(title.Replace(' ', '_'));
            Pages.Add(new PageVisit(title, $"https://{site.Host}/{slug}", Utc(day, 9 + (i * 2), _random.Next(60), zone)));
        }
    }

    private void Write(DateOnly day, string zone)
    {
        if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && _random.Next(100) < 70)
        {
            var pick = _random.Next(100);
            var correspondent = PersonTastes.Correspondents.First(c => (pick -= c.Weight) < 0);
            var subject = PersonTastes.MailSubjects[_random.Next(PersonTastes.MailSubjects.Length)];
            Mails.Add(new Mail($"{PersonTastes.OwnName} <{PersonTastes.OwnAddress}>", $"{correspondent.Name} <{correspondent.Address}>", subject,
                $"Hi {correspondent.Name.Split(' ')[0]},\n\nabout \"{subject}\": let me know what you think.\n\nSam", Utc(day, 12, _random.Next(60), zone), true, Mails.Count));
        }

        if (_random.Next(100) < 60)
        {
            var sender = PersonTastes.Correspondents[_random.Next(PersonTastes.Correspondents.Length)];
            var subject = PersonTastes.MailSubjects[_random.Next(PersonTastes.MailSubjects.Length)];
            Mails.Add(new Mail($"{sender.Name} <{sender.Address}>", $"{PersonTastes.OwnName} <{PersonTastes.OwnAddress}>", subject,
                $"Hello Sam,\n\n{subject}: what do you think?\n\n{sender.Name}", Utc(day, 16, _random.Next(60), zone), false, Mails.Count));
        }
    }
}

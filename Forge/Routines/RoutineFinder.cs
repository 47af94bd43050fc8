using System.Globalization;
using Datapunk.Forge.Places;
using NodaTime;

namespace Datapunk.Forge.Routines;

/// <summary>
/// Home, work and routines from the places' stays in the user's zone: home is the place holding the
/// most night-time dwell, work the other place holding the most weekday daytime dwell, each with its
/// share of that dwell as the confidence; a routine is a place (neither home nor work) visited on the
/// same weekday in most of the weeks observed.
/// </summary>
internal static class RoutineFinder
{
    private static readonly IsoDayOfWeek[] EveryDay =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    private static readonly IsoDayOfWeek[] Weekdays = EveryDay[..5];

    public static RoutinesView Find(IReadOnlyList<PlaceDraft> places, DateTimeZone zone, RoutinesParameters parameters, PlacesParameters placesParameters)
    {
        var dwell = places.ToDictionary(place => place, place =>
        {
            var hours = new HourOfWeekDwell(zone);
            place.Stays.ForEach(stay => hours.Add(stay.Arrived, stay.Left));
            return hours;
        });
        var night = dwell.ToDictionary(pair => pair.Key, pair => pair.Value.Sum(EveryDay, parameters.NightStartHour, parameters.NightEndHour));
        var daytime = dwell.ToDictionary(pair => pair.Key, pair => pair.Value.Sum(Weekdays, parameters.WorkStartHour, parameters.WorkEndHour));

        var home = Anchor(night, null, parameters.MinHomeShare,
            (share, seconds) => $"{share:P0} of the night-time dwell observed ({parameters.NightStartHour:00}:00-{parameters.NightEndHour:00}:00): {seconds / 3600:N0} h");
        var work = Anchor(daytime, home?.Place, parameters.MinWorkShare,
            (share, seconds) => $"{share:P0} of the weekday dwell observed ({parameters.WorkStartHour:00}:00-{parameters.WorkEndHour:00}:00, Monday to Friday): {seconds / 3600:N0} h");

        var routines = Routines(places.Where(place => place != home?.Place && place != work?.Place), zone, parameters, placesParameters);
        return new RoutinesView(null, zone.Id, home?.View, work?.View, routines);
    }

    private static (PlaceDraft Place, AnchorPlace View)? Anchor(
        Dictionary<PlaceDraft, double> seconds, PlaceDraft? excluded, double minShare, Func<double, double, string> evidence)
    {
        var total = seconds.Values.Sum();
        var best = seconds.Where(pair => pair.Key != excluded).OrderByDescending(pair => pair.Value).FirstOrDefault();
        if (best.Key is null || total <= 0 || best.Value / total < minShare)
        {
            return null;
        }

        var share = best.Value / total;
        var (lat, lng) = best.Key.Centre;
        return (best.Key, new AnchorPlace(best.Key.Id, best.Key.Name, new GeoPoint(lat, lng), Math.Round(share, 3), evidence(share, best.Value)));
    }

    private static List<Routine> Routines(IEnumerable<PlaceDraft> places, DateTimeZone zone, RoutinesParameters parameters, PlacesParameters placesParameters)
    {
        var visits = places.ToDictionary(place => place, place => place.VisitStarts(placesParameters.VisitGap).Select(arrived => Instant.FromDateTimeOffset(arrived).InZone(zone).LocalDateTime).ToList());
        var all = visits.Values.SelectMany(local => local).ToList();
        if (all.Count == 0)
        {
            return [];
        }

        var weeksObserved = Period.Between(MondayOf(all.Min().Date), MondayOf(all.Max().Date), PeriodUnits.Days).Days / 7 + 1;
        var routines = new List<Routine>();
        foreach (var (place, arrivals) in visits)
        {
            foreach (var day in arrivals.GroupBy(arrival => arrival.DayOfWeek))
            {
                var weeks = day.Select(arrival => MondayOf(arrival.Date)).Distinct().Count();
                if (weeks < parameters.MinRoutineWeeks || (double)weeks / weeksObserved < parameters.MinRoutineShare)
                {
                    continue;
                }

                var minutes = day.Select(arrival => arrival.Hour * 60 + arrival.Minute).Order().ToList();
                var median = (int)(Math.Round(minutes[minutes.Count / 2] / 15.0) * 15) % (24 * 60);
                var time = $"{median / 60:00}:{median % 60:00}";
                var weekday = day.Key.ToString();
                routines.Add(new Routine(place.Id, place.Name, weekday, time, weeks, weeksObserved,
                    string.Create(CultureInfo.InvariantCulture, $"{place.Name ?? "an unnamed place"} on {weekday}s, arriving around {time} ({weeks} of {weeksObserved} weeks)")));
            }
        }

        return [.. routines.OrderByDescending(routine => (double)routine.Weeks / routine.OfWeeks).ThenBy(routine => routine.Description, StringComparer.Ordinal)];
    }

    private static LocalDate MondayOf(LocalDate date) => date.PlusDays(-((int)date.DayOfWeek - 1));
}

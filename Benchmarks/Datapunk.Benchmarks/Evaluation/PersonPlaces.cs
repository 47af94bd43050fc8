namespace Datapunk.Benchmarks.Evaluation;

/// <summary>
/// Where the synthetic person lives, works, trains and travels: a flat and an office in Berlin, a gym
/// visited on Tuesdays and Thursdays, weekend places, and three trips (Paris and Lisbon in Europe,
/// New York six hours behind Berlin).
/// </summary>
internal static class PersonPlaces
{
    private const string Berlin = "Europe/Berlin";

    public static readonly Place Home = new("Wohnung Kastanienallee", "ChIJevalHome", 52.5388, 13.4105, Berlin, "Kastanienallee 12, 10435 Berlin");
    public static readonly Place Office = new("Office Torstraße", "ChIJevalOffice", 52.5291, 13.4010, Berlin, "Torstraße 140, 10119 Berlin");
    public static readonly Place Gym = new("Urban Gym Mitte", "ChIJevalGym", 52.5270, 13.3890, Berlin, "Invalidenstraße 50, 10115 Berlin");
    public static readonly Place Trattoria = new("Trattoria Da Enzo", "ChIJevalEnzo", 52.5350, 13.4190, Berlin, "Schönhauser Allee 80, 10439 Berlin");

    public static readonly Place[] Weekend =
    [
        new("Tempelhofer Feld", "ChIJevalTempelhof", 52.4730, 13.4010, Berlin, "Tempelhofer Damm, 12101 Berlin"),
        new("Mauerpark", "ChIJevalMauerpark", 52.5430, 13.4020, Berlin, "Bernauer Straße 63, 13355 Berlin"),
        new("Markthalle Neun", "ChIJevalMarkthalle", 52.5020, 13.4320, Berlin, "Eisenbahnstraße 42, 10997 Berlin"),
        new("Museum Island", "ChIJevalMuseum", 52.5169, 13.4019, Berlin, "Bodestraße, 10178 Berlin"),
        new("Café Einstein", "ChIJevalEinstein", 52.5016, 13.3536, Berlin, "Kurfürstenstraße 58, 10785 Berlin"),
        new("Boulderklub Kreuzberg", "ChIJevalBoulder", 52.4980, 13.4470, Berlin, "Ohlauer Straße 38, 10999 Berlin"),
    ];

    /// <summary>The trips: first and last day (local), the hotel and the sights, one or two a day.</summary>
    public static readonly Trip[] Trips =
    [
        new(new DateOnly(2025, 4, 3), new DateOnly(2025, 4, 6),
            new Place("Hôtel du Marais", "ChIJevalMarais", 48.8590, 2.3580, "Europe/Paris", "12 Rue de Turenne, 75004 Paris"),
            [
                new Place("Musée du Louvre", "ChIJevalLouvre", 48.8606, 2.3376, "Europe/Paris", "Rue de Rivoli, 75001 Paris"),
                new Place("Jardin du Luxembourg", "ChIJevalLuxembourg", 48.8462, 2.3372, "Europe/Paris", "Rue de Médicis, 75006 Paris"),
                new Place("Tour Eiffel", "ChIJevalEiffel", 48.8584, 2.2945, "Europe/Paris", "Champ de Mars, 75007 Paris"),
            ]),
        new(new DateOnly(2025, 7, 10), new DateOnly(2025, 7, 19),
            new Place("Pod Hotel Brooklyn", "ChIJevalPodHotel", 40.7196, -73.9571, "America/New_York", "247 Metropolitan Ave, Brooklyn, NY 11211"),
            [
                new Place("Metropolitan Museum of Art", "ChIJevalMet", 40.7794, -73.9632, "America/New_York", "1000 5th Ave, New York, NY 10028"),
                new Place("Central Park", "ChIJevalCentralPark", 40.7829, -73.9654, "America/New_York", "Central Park, New York, NY"),
                new Place("Brooklyn Bridge", "ChIJevalBrooklynBridge", 40.7061, -73.9969, "America/New_York", "Brooklyn Bridge, New York, NY 10038"),
                new Place("Katz's Delicatessen", "ChIJevalKatz", 40.7223, -73.9874, "America/New_York", "205 E Houston St, New York, NY 10002"),
                new Place("The High Line", "ChIJevalHighLine", 40.7480, -74.0048, "America/New_York", "New York, NY 10011"),
            ]),
        new(new DateOnly(2025, 10, 2), new DateOnly(2025, 10, 5),
            new Place("Casa do Largo", "ChIJevalCasaLargo", 38.7110, -9.1300, "Europe/Lisbon", "Largo do Carmo 5, 1200-092 Lisboa"),
            [
                new Place("Torre de Belém", "ChIJevalBelem", 38.6916, -9.2160, "Europe/Lisbon", "Av. Brasília, 1400-038 Lisboa"),
                new Place("Oceanário de Lisboa", "ChIJevalOceanario", 38.7633, -9.0937, "Europe/Lisbon", "Esplanada Dom Carlos I, 1990-005 Lisboa"),
                new Place("LX Factory", "ChIJevalLxFactory", 38.7035, -9.1785, "Europe/Lisbon", "R. Rodrigues de Faria 103, 1300-501 Lisboa"),
            ]),
    ];

    public static Trip? TripOn(DateOnly day) => Trips.FirstOrDefault(trip => day >= trip.First && day <= trip.Last);
}

/// <summary>A trip: its days (local dates at the destination), the hotel and the sights visited.</summary>
internal sealed record Trip(DateOnly First, DateOnly Last, Place Hotel, Place[] Sights);

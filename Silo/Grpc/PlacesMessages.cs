namespace Datapunk.Silo.Grpc;

/// <summary>Places and routines as the gRPC Places service sends them (places.proto).</summary>
internal static class PlacesMessages
{
    public static V1.PlaceList ToMessage(this PlaceList places)
    {
        var message = new V1.PlaceList { Places = { places.Places.Select(ToMessage) } };
        if (places.Version is { } version)
        {
            message.Version = version;
        }

        return message;
    }

    public static V1.SignificantPlace ToMessage(this SignificantPlace place) => new()
    {
        PlaceId = place.PlaceId.ToString(),
        Name = place.Name ?? "",
        NameSource = place.NameSource,
        Position = place.Position.ToMessage(),
        RadiusMetres = place.RadiusMetres,
        Visits = place.Visits,
        DwellSeconds = place.DwellSeconds,
        FirstVisit = place.FirstVisit.ToTimestamp(),
        LastVisit = place.LastVisit.ToTimestamp(),
    };

    public static V1.Routines ToMessage(this RoutinesView routines)
    {
        var message = new V1.Routines
        {
            TimeZone = routines.TimeZone,
            Home = routines.Home?.ToMessage(),
            Work = routines.Work?.ToMessage(),
            Routines_ = { routines.Routines.Select(routine => new V1.Routine
            {
                PlaceId = routine.PlaceId.ToString(), Name = routine.Name ?? "", Weekday = routine.Weekday, TypicalArrival = routine.TypicalArrival,
                Weeks = routine.Weeks, OfWeeks = routine.OfWeeks, Description = routine.Description,
            }) },
        };
        if (routines.Version is { } version)
        {
            message.Version = version;
        }

        return message;
    }

    private static V1.AnchorPlace ToMessage(this AnchorPlace anchor) => new()
    {
        PlaceId = anchor.PlaceId.ToString(), Name = anchor.Name ?? "", Position = anchor.Position.ToMessage(), Confidence = anchor.Confidence, Evidence = anchor.Evidence,
    };
}

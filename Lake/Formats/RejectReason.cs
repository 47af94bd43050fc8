namespace Datapunk.Lake.Formats;

/// <summary>
/// Why a record read from an entry was not stored. Every record a reader meets is stored, matched
/// with one already stored, or rejected with one of these; the report counts each by its name
/// (<see cref="RejectReasons.ToName"/>), so the names are a contract.
/// </summary>
public enum RejectReason
{
    /// <summary>No time at all where the format requires one.</summary>
    MissingTime,

    /// <summary>A time is there but cannot be read as one.</summary>
    UnreadableTime,

    /// <summary>After now plus two days: a clock error, or a file from a device with a wrong date.</summary>
    TimeInFuture,

    /// <summary>Before 1970-01-02: a zero or missing epoch read as a time.</summary>
    TimeBefore1970,

    /// <summary>A location without latitude or longitude.</summary>
    MissingCoordinates,

    /// <summary>Latitude beyond ±90° or longitude beyond ±180°.</summary>
    CoordinatesOutOfRange,

    /// <summary>Nothing to know the record by (no id, and no content to hash).</summary>
    MissingIdentity,

    /// <summary>A field the record cannot be without is missing (a URL, a video id, a channel id, a name).</summary>
    MissingField,

    /// <summary>The element is not what the format says it holds (not an object, malformed text).</summary>
    Unparseable,

    /// <summary>The element is cut off: the file ends, or the next element starts, before it is closed.</summary>
    Truncated,
}

public static class RejectReasons
{
    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    /// <summary>The snake_case name the report uses (<c>"rejectedRecords": {"time_in_future": 3}</c>).</summary>
    public static string ToName(this RejectReason reason) => reason switch
    {
        RejectReason.MissingTime => "missing_time",
        RejectReason.UnreadableTime => "unreadable_time",
        RejectReason.TimeInFuture => "time_in_future",
        RejectReason.TimeBefore1970 => "time_before_1970",
        RejectReason.MissingCoordinates => "missing_coordinates",
        RejectReason.CoordinatesOutOfRange => "coordinates_out_of_range",
        RejectReason.MissingIdentity => "missing_identity",
        RejectReason.MissingField => "missing_field",
        RejectReason.Unparseable => "unparseable",
        RejectReason.Truncated => "truncated",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

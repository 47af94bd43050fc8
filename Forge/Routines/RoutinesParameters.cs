namespace Datapunk.Forge.Routines;

/// <summary>The knobs of the home, work and routines model, recorded with every version.</summary>
internal sealed record RoutinesParameters
{
    /// <summary>Night: local hours from <see cref="NightStartHour"/> to <see cref="NightEndHour"/> (the next morning), every day.</summary>
    public int NightStartHour { get; init; } = 22;

    public int NightEndHour { get; init; } = 6;

    /// <summary>Work hours: weekdays (Monday to Friday), local hours from <see cref="WorkStartHour"/> to <see cref="WorkEndHour"/>.</summary>
    public int WorkStartHour { get; init; } = 9;

    public int WorkEndHour { get; init; } = 17;

    /// <summary>Home needs this share of the night-time dwell observed; work this share of the weekday daytime dwell.</summary>
    public double MinHomeShare { get; init; } = 0.3;

    public double MinWorkShare { get; init; } = 0.2;

    /// <summary>A routine: the same weekday in at least this share of the weeks observed, and at least <see cref="MinRoutineWeeks"/> weeks.</summary>
    public double MinRoutineShare { get; init; } = 0.5;

    public int MinRoutineWeeks { get; init; } = 4;

    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        ["night_start_hour"] = NightStartHour,
        ["night_end_hour"] = NightEndHour,
        ["work_start_hour"] = WorkStartHour,
        ["work_end_hour"] = WorkEndHour,
        ["min_home_share"] = MinHomeShare,
        ["min_work_share"] = MinWorkShare,
        ["min_routine_share"] = MinRoutineShare,
        ["min_routine_weeks"] = MinRoutineWeeks,
    };
}

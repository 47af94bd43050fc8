namespace Datapunk.Actors;

/// <summary>A timer bound to one activation; its callbacks run as turns of that activation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer fires next and its period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>Options for <c>Grain.RegisterGrainTimer</c>.</summary>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>When true the callback may interleave with requests instead of waiting its turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>When false (the default) a timer tick does not count as activity that keeps the grain alive.</summary>
    public bool KeepAlive { get; init; }
}

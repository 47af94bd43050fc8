namespace Datapunk.Lake.Pipeline;

/// <summary>The ways a run of an import's pipeline can end.</summary>
internal enum ImportRunEnd
{
    /// <summary>Every input was read, merged and indexed.</summary>
    Completed,

    /// <summary>The import cannot go on (a limit of the whole import); retrying would end the same way.</summary>
    Failed,

    /// <summary>The owner cancelled it.</summary>
    Cancelled,

    /// <summary>The activation is going away (silo shutdown, hand-over); the next owner resumes.</summary>
    Stopped,

    /// <summary>A newer run (on another silo) took over; this one wrote nothing after that.</summary>
    Superseded,

    /// <summary>An unexpected error (the database went away, …): another run may succeed.</summary>
    Crashed,
}

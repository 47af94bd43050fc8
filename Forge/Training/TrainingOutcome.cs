namespace Datapunk.Forge.Training;

/// <summary>How a training run ended: the version it made (or tried to), and what went wrong.</summary>
public sealed record TrainingOutcome(TrainingEnd End, int? Version = null, string? Message = null);

public enum TrainingEnd
{
    /// <summary>The version is stored and promoted.</summary>
    Completed,

    /// <summary>Training threw; the version is marked failed with the error.</summary>
    Failed,

    /// <summary>A newer run of the same model started meanwhile (another activation); this one wrote nothing.</summary>
    Superseded,

    /// <summary>Stopped from outside (the silo shutting down); the next run takes over.</summary>
    Stopped,
}

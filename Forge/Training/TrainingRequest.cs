namespace Datapunk.Forge.Training;

/// <summary>Whose model to train, and the user's time zone (an IANA id) for everything counted by local day or hour.</summary>
public sealed record TrainingRequest(string UserId, string TimeZone);

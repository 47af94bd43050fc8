namespace Datapunk.Grains;

/// <summary>
/// Cortex for one user, keyed by the user id: search over the user's records and answers to the
/// user's questions (docs/cortex.md). A personal-data grain: it answers only its owner.
/// </summary>
[Alias("cortex")]
public interface ICortexGrain : IGrainWithStringKey, ICortexPlaces, ICortexAnswers, ICortexSearch
{
}

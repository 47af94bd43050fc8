using Orleans.Concurrency;

namespace Datapunk.Grains;

/// <summary>
/// Answers to a user's questions about their own data. Part of <see cref="ICortexGrain"/>, keyed by
/// the user id, so every answer reads only the grain's own user; it only reads, and may interleave.
/// </summary>
[Alias("cortex-answers")]
public interface ICortexAnswers : IGrainWithStringKey
{
    /// <summary>
    /// Answers <paramref name="question"/> with the records it rests on: by a question template where
    /// one fits, through the configured chat model where there is one, else with the best matching records.
    /// </summary>
    [Alias("AskAsync"), ReadOnly]
    Task<CortexAnswer> AskAsync(string question);

    /// <summary>The configured model server with the user's masking choice for it; none when no server is configured.</summary>
    [Alias("GetModelServersAsync"), ReadOnly]
    Task<IReadOnlyList<ModelServerPrivacy>> GetModelServersAsync();

    /// <summary>
    /// Records whether personal identifiers are masked in what this user's questions send to the server
    /// at <paramref name="endpoint"/>; null when that is not the configured server.
    /// </summary>
    [Alias("SetModelServerMaskingAsync")]
    Task<ModelServerPrivacy?> SetModelServerMaskingAsync(string endpoint, bool maskPii);
}

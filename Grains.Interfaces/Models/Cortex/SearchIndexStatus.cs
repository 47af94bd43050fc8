namespace Datapunk.Grains;

/// <summary>How far the embedding of a user's records has come, for the configured model.</summary>
/// <param name="Model">The configured embedding model, which new vectors are made with.</param>
/// <param name="ServingModel">The model whose vectors semantic search uses now: the configured one once it covers the user, else the one before.</param>
/// <param name="Embeddable">Records with text worth embedding (titles, bodies, queries, names; not location fixes).</param>
/// <param name="Embedded">Of those, how many have a vector of <paramref name="Model"/> for their current text.</param>
/// <param name="Running">True while a pass of embedding work is under way for the user.</param>
/// <param name="CoveredAt">When a pass last found nothing left to embed with <paramref name="Model"/>.</param>
[GenerateSerializer, Immutable, Alias("search-index-status")]
public sealed record SearchIndexStatus(
    [property: Id(0)] string Model,
    [property: Id(1)] string? ServingModel,
    [property: Id(2)] long Embeddable,
    [property: Id(3)] long Embedded,
    [property: Id(4)] bool Running,
    [property: Id(5)] DateTimeOffset? CoveredAt);

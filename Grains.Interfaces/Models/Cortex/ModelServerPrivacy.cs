namespace Datapunk.Grains;

/// <summary>
/// The language-model server answers may use (the operator's <c>Cortex:Chat</c>) and the user's choice
/// for it: whether personal identifiers in what their questions send it are replaced by pseudonyms
/// (docs/cortex.md, "What the model server sees").
/// </summary>
[GenerateSerializer, Immutable, Alias("model-server-privacy")]
public sealed record ModelServerPrivacy(
    [property: Id(0)] string Endpoint,
    [property: Id(1)] string Model,
    [property: Id(2)] bool MaskPii);

/// <summary><c>PUT /api/v1/me/model-servers/masking</c>: the user's choice for one server.</summary>
public sealed record ModelServerMaskingChange(string Endpoint, bool MaskPii);

namespace Datapunk.Grains;

/// <summary>PII found in one field of a dataset: how many findings of a kind (email, phone, iban, card, national_id, postal_address, home_location) in how many sampled values.</summary>
[GenerateSerializer, Immutable, Alias("catalog-pii-field")]
public sealed record PiiFieldFindings(
    [property: Id(0)] string Field,
    [property: Id(1)] string Kind,
    [property: Id(2)] long Findings,
    [property: Id(3)] long Sampled,
    [property: Id(4)] string? Note);

namespace Datapunk.Streams;

/// <summary>An authorized account at a provider: its stable id and a name to show.</summary>
public sealed record ProviderAccount(string Id, string? DisplayName);

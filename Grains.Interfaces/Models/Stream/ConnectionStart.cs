namespace Datapunk.Grains;

/// <summary>The answer to starting a connection: the provider's page to open in a browser.</summary>
[GenerateSerializer, Immutable, Alias("connection-start")]
public sealed record ConnectionStart([property: Id(0)] string AuthorizeUrl);

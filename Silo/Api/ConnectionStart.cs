namespace Datapunk.Silo.Api;

/// <summary>The answer to starting a connection: the provider's page to open in a browser.</summary>
public sealed record ConnectionStart(string AuthorizeUrl);

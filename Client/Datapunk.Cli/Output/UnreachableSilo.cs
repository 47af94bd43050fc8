namespace Datapunk.Cli.Output;

/// <summary>An active silo whose stats the gateway could not fetch, and why.</summary>
public sealed record UnreachableSilo(string SiloId, string Error);

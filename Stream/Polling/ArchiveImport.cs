namespace Datapunk.Streams.Polling;

/// <summary>
/// Archives a provider downloaded into the user's uploads, to import as one import whose id the provider
/// chose before (and kept in its cursor): starting it again with the same id starts nothing new, so an
/// archive is imported once whatever poll hands it over again.
/// </summary>
public sealed record ArchiveImport(Guid ImportId, IReadOnlyList<Guid> Uploads, string Description);

namespace Datapunk.Streams.Polling;

/// <summary>A polled page as stored: its provenance row, how many of its records were new and how many replaced a stored version.</summary>
public sealed record StoredPage(long FileId, int Inserted, int Updated = 0);

namespace Datapunk.Streams.Polling;

/// <summary>A polled page as stored: its provenance row and how many of its records were new.</summary>
public sealed record StoredPage(long FileId, int Inserted);

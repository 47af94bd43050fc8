namespace Datapunk.Lake.Reading;

/// <summary>A record as the records API names it: its kind's name (<c>emails</c>) and its id.</summary>
public sealed record RecordKey(string Kind, string Id);

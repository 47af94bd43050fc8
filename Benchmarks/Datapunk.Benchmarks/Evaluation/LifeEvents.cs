namespace Datapunk.Benchmarks.Evaluation;

/// <summary>A place the synthetic person spends time at, where it is and in which zone its clocks run.</summary>
internal sealed record Place(string Name, string PlaceId, double Lat, double Lng, string Zone, string Address);

/// <summary>A stay at a place (Semantic Location History's placeVisit), in UTC.</summary>
internal sealed record Visit(Place Place, DateTime Start, DateTime End);

/// <summary>A Spotify play: <paramref name="Ended"/> is the export's <c>ts</c>, when the play stopped.</summary>
internal sealed record Play(string Artist, string Track, DateTime Ended, long Milliseconds, string Uri);

/// <summary>A YouTube video watched, with its channel.</summary>
internal sealed record Watch(string Title, string Channel, string VideoId, DateTime Time);

/// <summary>A search typed into YouTube.</summary>
internal sealed record YouTubeSearch(string Query, DateTime Time);

/// <summary>A page opened in Chrome.</summary>
internal sealed record PageVisit(string Title, string Url, DateTime Time);

/// <summary>A mail in the mailbox; <paramref name="Sent"/> ones carry Gmail's Sent label.</summary>
internal sealed record Mail(string From, string To, string Subject, string Body, DateTime Time, bool Sent, int Number);

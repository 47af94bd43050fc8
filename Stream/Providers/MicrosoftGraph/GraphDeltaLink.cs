namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// Where a Graph delta round stands: a <c>@odata.nextLink</c> (a round under way: its next page) or a
/// <c>@odata.deltaLink</c> (<paramref name="IsDelta"/>: a round finished, the next one asks what changed since).
/// Both are opaque addresses under the API base that encode the first request's parameters.
/// </summary>
internal sealed record GraphDeltaLink(string Url, bool IsDelta);

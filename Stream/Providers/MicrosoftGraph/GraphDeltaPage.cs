using System.Text.Json.Nodes;

namespace Datapunk.Streams.Providers.MicrosoftGraph;

/// <summary>
/// One page of a Graph delta round: its entries (<c>value</c>), the request that returned it (for lineage and
/// errors), and either the <c>@odata.nextLink</c> of the next page or, on the round's last page, the
/// <c>@odata.deltaLink</c> where the next round starts.
/// </summary>
internal sealed record GraphDeltaPage(IReadOnlyList<JsonObject> Entries, string Request, string? NextLink, string? DeltaLink)
{
    /// <summary>The cursor link to keep once this page is stored: the next page's, else the next round's.</summary>
    public GraphDeltaLink Link => NextLink is not null ? new GraphDeltaLink(NextLink, IsDelta: false) : new GraphDeltaLink(DeltaLink!, IsDelta: true);

    /// <summary>Whether the entry is Graph's mark of an item gone from the collection (<c>"@removed": {"reason": …}</c>).</summary>
    public static bool IsRemoved(JsonObject entry) => entry.ContainsKey("@removed");
}

using System.Text.Json.Nodes;
using Datapunk.Streams.Polling;

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

    /// <summary>
    /// The page's removed entries as marks on the stored records of <paramref name="kind"/> whose source keeps
    /// their Graph id: Graph gives a removed item's id and nothing else, whatever its reason (deleted, or
    /// moved out of the collection: a message moved to another folder read is seen there again and cleared).
    /// </summary>
    public static IEnumerable<SourceMark> Removals(GraphDeltaPage page, RecordKind kind) =>
        page.Entries.Where(IsRemoved)
            .Select(entry => ProviderJson.Text(entry["id"]) is { Length: > 0 } id ? id : throw new ProviderResponseException($"A removed entry of {page.Request} has no id."))
            .Select(id => SourceMark.ByProviderId(kind, id, "deleted"));
}

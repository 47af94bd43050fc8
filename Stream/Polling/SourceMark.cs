using System.Text.Json.Nodes;

namespace Datapunk.Streams.Polling;

/// <summary>
/// What a page says of a stored record beyond its new versions: the item was removed at the provider
/// (<paramref name="Reason"/>: <c>cancelled</c>, <c>deleted</c>, <c>trash</c>, <c>spam</c>) or is there again
/// (<paramref name="Reason"/> null: restored). The record is found by <paramref name="Identity"/> when the
/// provider's answer gives what the identity is made of, else by the provider's own id
/// (<paramref name="ProviderId"/>) under the page's <see cref="PolledPage.ProviderIdKey"/> in the record's
/// source: a removal often carries nothing but that id. <paramref name="Source"/>: keys the record's source
/// takes as they now are at the provider (Gmail's label ids), or null.
/// </summary>
public sealed record SourceMark(RecordKind Kind, string? Identity, string? ProviderId, string? Reason, JsonObject? Source = null)
{
    /// <summary>The record of <paramref name="identity"/> was removed for <paramref name="reason"/>, or is there again (null).</summary>
    public static SourceMark ByIdentity(RecordKind kind, string identity, string? reason) => new(kind, identity, null, reason);

    /// <summary>The record whose source holds the provider's id <paramref name="providerId"/> was removed for <paramref name="reason"/>, or is there again (null).</summary>
    public static SourceMark ByProviderId(RecordKind kind, string providerId, string? reason) => new(kind, null, providerId, reason);
}

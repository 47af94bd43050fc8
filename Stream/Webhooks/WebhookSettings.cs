using System.Text;
using Datapunk.Streams.Connections;
using Microsoft.AspNetCore.WebUtilities;

namespace Datapunk.Streams.Webhooks;

/// <summary>
/// <c>Stream:PublicBaseUrl</c>: the address at which the provider's servers reach this installation's gateway
/// (docs/sources.md). Without it no provider is asked to push notifications, and connections poll on schedule only.
/// </summary>
public sealed class WebhookSettings(Uri? publicBaseUrl)
{
    public const string Key = "Stream:PublicBaseUrl";

    /// <summary>The gateway's webhook routes, <c>/api/v1/webhooks/{provider}/{connection}</c>.</summary>
    public const string PathPrefix = "/api/v1/webhooks";

    public Uri? PublicBaseUrl { get; } = publicBaseUrl is null ? null : new Uri(publicBaseUrl.ToString().TrimEnd('/') + "/");

    public bool Enabled => PublicBaseUrl is not null;

    /// <summary>Where <paramref name="key"/>'s provider sends its notifications; null without a public base URL.</summary>
    public Uri? AddressFor(ConnectionKey key) =>
        PublicBaseUrl is { } baseUrl ? new Uri(baseUrl, $"{PathPrefix.TrimStart('/')}/{key.Provider}/{SegmentOf(key)}") : null;

    /// <summary>
    /// The path segment naming a connection: its grain key, base64url-encoded (an account may hold '/' or '@').
    /// It names, it does not authorize: each notification carries the secret the connection stored a hash of.
    /// </summary>
    public static string SegmentOf(ConnectionKey key) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(key.GrainKey));

    /// <summary>The connection a path segment names, if it is one of <paramref name="provider"/>; null for anything malformed.</summary>
    public static ConnectionKey? KeyOf(string provider, string segment)
    {
        try
        {
            var key = ConnectionKey.ParseGrainKey(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(segment)));
            return key.Provider == provider ? key : null;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return null;
        }
    }
}

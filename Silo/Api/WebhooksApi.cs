using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datapunk.Streams.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// Where providers push change notifications (docs/sources.md): <c>POST /api/v1/webhooks/microsoft/{connection}</c>
/// (Graph's JSON list) and <c>POST /api/v1/webhooks/google-calendar/{connection}</c> (Google's <c>X-Goog-*</c> headers).
/// It carries no Datapunk credentials: the path names the connection, and each notification carries the secret
/// the connection's subscription was given (compared, in constant time, with the hash its cursor keeps). An
/// authentic notification only brings the connection's next poll forward (<see cref="ISourceConnectionGrain.PollSoonAsync"/>);
/// anything else triggers nothing, is logged, and is answered as an authentic one is, so the answer tells nothing.
/// </summary>
public static partial class WebhooksApi
{
    private const string MicrosoftPath = $"{WebhookSettings.PathPrefix}/microsoft/{{connection}}";
    private const string GoogleCalendarPath = $"{WebhookSettings.PathPrefix}/google-calendar/{{connection}}";

    /// <summary>Graph's notifications are small (no resource data is asked for); a larger body is no notification of ours.</summary>
    private const int MaxBody = 256 * 1024;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(MicrosoftPath, MicrosoftAsync).AllowAnonymous().WithTags("Webhooks").WithName("MicrosoftGraphNotification")
            .WithSummary("Microsoft Graph's change notifications for a connection: answers the validation handshake, and brings the connection's next poll forward.");
        app.MapPost(GoogleCalendarPath, GoogleCalendarAsync).AllowAnonymous().WithTags("Webhooks").WithName("GoogleCalendarNotification")
            .WithSummary("Google Calendar's push notifications for a connection: a change (X-Goog-Resource-State exists) brings the connection's next poll forward.");
        return app;
    }

    private static async Task<Results<ContentHttpResult, Accepted, BadRequest>> MicrosoftAsync(
        string connection, string? validationToken, HttpContext http, ConnectionWebhooks webhooks, IGrainFactory grains, ILoggerFactory loggers)
    {
        // Graph's validation of a new subscription's address: the token back as text within 10 s, nothing looked up.
        if (validationToken is not null)
        {
            return TypedResults.Text(validationToken, "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
        }

        var logger = loggers.CreateLogger(typeof(WebhooksApi));
        if (await ReadAsync(http) is not { } notifications)
        {
            return TypedResults.BadRequest();
        }

        var key = WebhookSettings.KeyOf(Datapunk.Streams.Providers.MicrosoftGraph.MicrosoftGraphProvider.ProviderName, connection);
        var authentic = false;
        foreach (var notification in notifications)
        {
            var subscription = Text(notification?["subscriptionId"]);
            var clientState = Text(notification?["clientState"]);
            authentic |= key is not null && subscription is not null && clientState is not null
                && await webhooks.IsAuthenticAsync(key, subscription, clientState, http.RequestAborted);
        }

        if (!authentic)
        {
            Log.Refused(logger, "microsoft", connection, notifications.Count, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return TypedResults.Accepted((string?)null);
        }

        await PollSoonAsync(key!, grains);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// A Google channel's message: its id and token in headers, no body to read. The first (<c>sync</c>) only says the
    /// channel works; <c>exists</c> says something changed. Google takes any 2xx; an unauthentic one gets the same 200.
    /// </summary>
    private static async Task<Ok> GoogleCalendarAsync(string connection, HttpContext http, ConnectionWebhooks webhooks, IGrainFactory grains, ILoggerFactory loggers)
    {
        var headers = http.Request.Headers;
        var (channel, token, state) = (headers["X-Goog-Channel-ID"].ToString(), headers["X-Goog-Channel-Token"].ToString(), headers["X-Goog-Resource-State"].ToString());
        var key = WebhookSettings.KeyOf(Datapunk.Streams.Providers.GoogleCalendar.GoogleCalendarProvider.ProviderName, connection);
        if (key is null || channel.Length == 0 || token.Length == 0 || !await webhooks.IsAuthenticAsync(key, channel, token, http.RequestAborted))
        {
            Log.Refused(loggers.CreateLogger(typeof(WebhooksApi)), "google-calendar", connection, 1, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return TypedResults.Ok();
        }

        if (state != "sync")
        {
            await PollSoonAsync(key, grains);
        }

        return TypedResults.Ok();
    }

    private static async Task PollSoonAsync(Datapunk.Streams.Connections.ConnectionKey key, IGrainFactory grains)
    {
        CallerContext.Set(key.UserId, AccountRoles.Member);
        try
        {
            await grains.GetGrain<ISourceConnectionGrain>(key.GrainKey).PollSoonAsync();
        }
        finally
        {
            CallerContext.Clear();
        }
    }

    /// <summary>The notifications of a Graph body (<c>{"value": [...]}</c>); null for a body that is not one.</summary>
    private static async Task<JsonArray?> ReadAsync(HttpContext http)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody;
        }

        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return body?["value"] as JsonArray;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning,
            Message = "A {Provider} notification for {Connection} ({Count} entries) from {Address} named no connection's subscription with its secret: nothing was triggered")]
        public static partial void Refused(ILogger logger, string provider, string connection, int count, string address);
    }
}

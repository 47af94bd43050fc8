using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local server speaking the parts of Google's documented OAuth 2.0 and Gmail API v1 that Datapunk
/// uses: Google's OAuth server (<see cref="FakeGoogleOAuth"/>, shared with the other fake Google APIs), and under <c>/gmail/v1/users/me/</c>:
/// <c>profile</c> (<c>emailAddress</c>, <c>historyId</c>), <c>messages</c> (newest first, <c>maxResults</c>,
/// <c>pageToken</c>/<c>nextPageToken</c>, spam and trash left out unless <c>includeSpamTrash</c>),
/// <c>messages/{id}?format=raw</c> (404 for a deleted message) and <c>history</c> (<c>startHistoryId</c>,
/// <c>historyTypes</c> among <c>messageAdded</c>, <c>messageDeleted</c>, <c>labelAdded</c>, <c>labelRemoved</c>, each
/// record with its <c>messagesAdded</c>, <c>messagesDeleted</c>, <c>labelsAdded</c> or <c>labelsRemoved</c> entry (the
/// message's id, thread and labels after the change; the labels changed), pages, the current <c>historyId</c>;
/// 404 for a history id no longer kept). Pages hold at most <see cref="FakeGoogleApi{TAccount}.PageSize"/> entries, as Gmail may give fewer than asked. Access
/// tokens expire on demand (401); <see cref="FakeGoogleApi{TAccount}.FaultOn"/> answers one request with a status (and Retry-After).
/// </summary>
public sealed class FakeGmail : FakeGoogleApi<FakeGmailAccount>
{
    private static readonly (int, string, string) NotFound = (404, "notFound", "Requested entity was not found.");

    private FakeGmail()
        : base("gmail", "gmail/v1/", "https://www.googleapis.com/auth/gmail.readonly")
    {
    }

    public static async Task<FakeGmail> StartAsync()
    {
        var fake = new FakeGmail();
        await fake.StartAsync(app =>
        {
            app.MapGet("/gmail/v1/users/me/profile", context => fake.ApiAsync(context, account => new JsonObject
            {
                ["emailAddress"] = account.Email,
                ["messagesTotal"] = account.Listed(includeSpamTrash: true).Count,
                ["historyId"] = account.HistoryId.ToString(CultureInfo.InvariantCulture),
            }, NotFound));
            app.MapGet("/gmail/v1/users/me/messages", context => fake.ApiAsync(context, account => fake.List(context, account), NotFound));
            app.MapGet("/gmail/v1/users/me/messages/{id}", context => fake.ApiAsync(context, account => Message(context, account), NotFound));
            app.MapGet("/gmail/v1/users/me/history", context => fake.ApiAsync(context, account => fake.History(context, account), NotFound));
        });
        return fake;
    }

    public FakeGmailAccount AddAccount(string email) => Accounts.GetOrAdd(email, _ => new FakeGmailAccount(email));

    private JsonObject List(HttpContext context, FakeGmailAccount account)
    {
        var listed = account.Listed(context.Request.Query["includeSpamTrash"] == "true")
            .Select(message => (JsonNode)new JsonObject { ["id"] = message.Id, ["threadId"] = message.ThreadId })
            .ToList();
        var page = Page(context, listed, "messages", emptyField: false);
        page["resultSizeEstimate"] = listed.Count;
        return page;
    }

    /// <summary>A message with <c>format=raw</c>, or null (404) for one deleted.</summary>
    private static JsonObject? Message(HttpContext context, FakeGmailAccount account)
    {
        if (context.Request.Query["format"] != "raw")
        {
            throw new BadHttpRequestException("the fake answers format=raw only");
        }

        return account.Find((string)context.Request.RouteValues["id"]!) is { } message
            ? new JsonObject
            {
                ["id"] = message.Id,
                ["threadId"] = message.ThreadId,
                ["labelIds"] = Strings(message.LabelIds),
                ["historyId"] = message.HistoryId.ToString(CultureInfo.InvariantCulture),
                ["internalDate"] = "1767261600000",
                ["sizeEstimate"] = message.Raw.Length * 3 / 4,
                ["raw"] = message.Raw,
            }
            : null;
    }

    /// <summary>A page of the changes after <c>startHistoryId</c> of the <c>historyTypes</c> asked, or null (404) when that history is no longer kept.</summary>
    private JsonObject? History(HttpContext context, FakeGmailAccount account)
    {
        var query = context.Request.Query;
        string[] types = [.. query["historyTypes"].OfType<string>()];
        if (!long.TryParse(query["startHistoryId"], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || types.Length == 0 || types.Except(["messageAdded", "messageDeleted", "labelAdded", "labelRemoved"]).Any())
        {
            throw new BadHttpRequestException("the fake answers startHistoryId with historyTypes of messageAdded, messageDeleted, labelAdded, labelRemoved only");
        }

        var current = account.HistoryId;
        if (account.ChangesAfter(start, types) is not { } changes)
        {
            return null;
        }

        var records = changes.Select(change =>
        {
            var entry = new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["id"] = change.Message.Id,
                    ["threadId"] = change.Message.ThreadId,
                    ["labelIds"] = Strings(change.Message.LabelIds),
                },
            };
            if (change.Type is "labelAdded" or "labelRemoved")
            {
                entry["labelIds"] = Strings(change.Labels);
            }

            return (JsonNode)new JsonObject
            {
                ["id"] = change.HistoryId.ToString(CultureInfo.InvariantCulture),
                ["messages"] = new JsonArray(new JsonObject { ["id"] = change.Message.Id, ["threadId"] = change.Message.ThreadId }),
                [change.Field] = new JsonArray(entry),
            };
        }).ToList();
        var page = Page(context, records, "history", emptyField: false);
        page["historyId"] = current.ToString(CultureInfo.InvariantCulture);
        return page;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);
}

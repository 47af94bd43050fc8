using System.Text.Json;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// What the first bytes of a JSON file say about it as a My Activity file: whether its first
/// element has the schema's keys, and whether every entry seen belongs to a YouTube product
/// (YouTube's <c>watch-history.json</c> / <c>search-history.json</c> and My Activity's YouTube folder).
/// </summary>
public readonly record struct MyActivityJsonHead(bool IsActivity, bool AllYouTube)
{
    public static MyActivityJsonHead Inspect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var reader = new Utf8JsonReader(head, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
        bool hasHeader = false, hasTitle = false, hasTime = false, firstDone = false, allYouTube = true;
        var headers = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return default;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndObject)
                {
                    firstDone = true;
                    if (!(hasHeader && hasTitle && hasTime))
                    {
                        return default;
                    }
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType != JsonTokenType.StartObject)
                {
                    return default;
                }
                else if (reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("header"u8))
                    {
                        hasHeader |= !firstDone;
                        if (!reader.Read())
                        {
                            break;
                        }

                        headers++;
                        allYouTube &= reader.TokenType == JsonTokenType.String && reader.GetString()!.StartsWith("YouTube", StringComparison.OrdinalIgnoreCase);
                    }
                    else if (!firstDone)
                    {
                        hasTitle |= reader.ValueTextEquals("title"u8);
                        hasTime |= reader.ValueTextEquals("time"u8);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // The head is not valid JSON where it was cut or earlier; judge on what was seen.
        }

        var isActivity = hasHeader && hasTitle && hasTime;
        return new MyActivityJsonHead(isActivity, isActivity && headers > 0 && allYouTube);
    }
}

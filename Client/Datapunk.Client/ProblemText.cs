using System.Net;
using System.Text;
using System.Text.Json;

namespace Datapunk.Client;

/// <summary>Turns an error response body into one readable line: problem details when present, else the body itself.</summary>
internal static class ProblemText
{
    private const int MaxPlainBodyLength = 300;

    public static string From(HttpStatusCode statusCode, string body)
    {
        var fromProblem = TryReadProblem(body);
        if (!string.IsNullOrEmpty(fromProblem))
        {
            return fromProblem;
        }

        if (statusCode == HttpStatusCode.ServiceUnavailable)
        {
            return "The silo behind the gateway is not ready (it has not joined the cluster, or cannot reach the database).";
        }

        var trimmed = body.Trim();
        return trimmed.Length is > 0 and <= MaxPlainBodyLength ? trimmed : statusCode.ToString();
    }

    private static string? TryReadProblem(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !(root.TryGetProperty("title", out _) || root.TryGetProperty("detail", out _)))
            {
                return null;
            }

            var text = new StringBuilder();
            Append(text, root, "title");
            Append(text, root, "detail");
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    foreach (var message in field.Value.EnumerateArray())
                    {
                        text.Append(text.Length > 0 ? "; " : "").Append(field.Name).Append(": ").Append(message.GetString());
                    }
                }
            }

            return text.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Append(StringBuilder text, JsonElement problem, string property)
    {
        if (problem.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } part)
        {
            text.Append(text.Length > 0 ? ": " : "").Append(part);
        }
    }
}

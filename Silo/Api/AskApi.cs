using System.Text.Json;
using Datapunk.Cortex.Answers;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Datapunk.Silo.Api;

/// <summary>
/// <c>POST /api/v1/ask</c>: an answer to a question about the caller's own data, with the records it
/// rests on. As server-sent events by default (a <c>progress</c> event at once, then each <c>step</c>,
/// each <c>citation</c>, the <c>answer</c> text and the whole answer as <c>done</c>), or as one JSON
/// object when the client accepts <c>application/json</c> and not <c>text/event-stream</c>.
/// </summary>
public static class AskApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAskApi(this RouteGroupBuilder api)
    {
        api.MapPost("/ask", AskAsync).Audited(AuditActions.Ask).WithTags("Answers").WithName("Ask")
            .WithSummary("Answers {\"question\": \"…\"} about your own data, citing the records (kind and id as in /records) it rests on; "
                + "server-sent events (progress, step, citation, answer, done) unless you accept only application/json.");
        return api;
    }

    private static async Task<Results<Ok<CortexAnswer>, ValidationProblem, EmptyHttpResult>> AskAsync(AskQuestion body, HttpContext http, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(body.Question) || body.Question.Length > AskContext.MaxQuestionLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["question"] = [$"Ask a question of 1 to {AskContext.MaxQuestionLength} characters."],
            });
        }

        var cortex = grains.GetGrain<ICortexGrain>(http.User.UserIdOf());
        if (!WantsEvents(http.Request))
        {
            var answer = await cortex.AskAsync(body.Question);
            http.ReportAuditedRecords(answer.Citations.Count);
            return TypedResults.Ok(answer);
        }

        // Written here rather than as a result: the audit entry, written when the handler returns, needs the citations counted.
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await WriteAsync(http, "progress", new { stage = "answering", question = body.Question });
        var answered = await cortex.AskAsync(body.Question);
        foreach (var step in answered.How.Steps)
        {
            await WriteAsync(http, "step", new { text = step });
        }

        foreach (var citation in answered.Citations)
        {
            await WriteAsync(http, "citation", citation);
        }

        await WriteAsync(http, "answer", new { text = answered.Answer });
        await WriteAsync(http, "done", answered);
        http.ReportAuditedRecords(answered.Citations.Count);
        return TypedResults.Empty;
    }

    private static bool WantsEvents(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0
            || accept.Any(type => type.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            || !accept.Any(type => type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task WriteAsync<T>(HttpContext http, string name, T data)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}

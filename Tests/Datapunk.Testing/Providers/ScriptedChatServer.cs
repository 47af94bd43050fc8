using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Testing.Providers;

/// <summary>
/// A local HTTP server speaking the OpenAI chat-completions protocol (<c>POST /v1/chat/completions</c>,
/// non-streaming) that answers each request with the next scripted reply, tool calls or text, and keeps
/// every request it received with its Authorization header, so a test can check what the model was sent.
/// </summary>
public sealed class ScriptedChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<JsonObject> _replies;

    private ScriptedChatServer(WebApplication app, IEnumerable<JsonObject> replies)
    {
        _app = app;
        _replies = new Queue<JsonObject>(replies);
    }

    public List<(JsonObject Body, string? Authorization)> Requests { get; } = [];

    /// <summary>Adds a reply to the script, for a server shared by several tests.</summary>
    public void Enqueue(JsonObject reply)
    {
        lock (_replies)
        {
            _replies.Enqueue(reply);
        }
    }

    public Uri Endpoint => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/v1/");

    public static async Task<ScriptedChatServer> StartAsync(params JsonObject[] replies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedChatServer(app, replies);
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body))!;
            lock (server.Requests)
            {
                server.Requests.Add((body, http.Request.Headers.Authorization.ToString()));
            }

            JsonObject? reply;
            lock (server._replies)
            {
                server._replies.TryDequeue(out reply);
            }

            return reply is null
                ? Results.Json(new { error = new { message = "The script has no more replies.", type = "server_error" } }, statusCode: 500)
                : Results.Text(reply.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>A reply asking for tool calls: (id, function name as the client named it, arguments as JSON).</summary>
    public static JsonObject ToolCalls(params (string Id, string Name, string Arguments)[] calls) => Completion(
        new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray([.. calls.Select(call => (JsonNode)new JsonObject
            {
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
            })]),
        },
        "tool_calls");

    /// <summary>A final text reply.</summary>
    public static JsonObject Text(string content) => Completion(new JsonObject { ["role"] = "assistant", ["content"] = content }, "stop");

    private static JsonObject Completion(JsonObject message, string finish) => new()
    {
        ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "scripted",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

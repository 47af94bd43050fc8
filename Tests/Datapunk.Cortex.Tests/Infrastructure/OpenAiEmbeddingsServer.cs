using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datapunk.Cortex.Tests.Infrastructure;

/// <summary>
/// A local HTTP server speaking OpenAI's <c>POST /v1/embeddings</c>: each input's vector counts its
/// words by a stable hash into <see cref="Dimensions"/> buckets (normalised), so texts sharing words
/// are near each other. Answers floats, or base64 little-endian float32 when the client asks for it
/// (the OpenAI .NET client does). Records every request body.
/// </summary>
public sealed class OpenAiEmbeddingsServer : IAsyncDisposable
{
    public const int Dimensions = 8;

    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public OpenAiEmbeddingsServer()
    {
        var port = FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public static float[] Vector(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            vector[word.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & (Dimensions - 1)] += 1;
        }

        var length = MathF.Sqrt(vector.Sum(value => value * value));
        return length == 0 ? vector.Select(_ => 1 / MathF.Sqrt(Dimensions)).ToArray() : [.. vector.Select(value => value / length)];
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var request = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            Requests.Enqueue(request);
            var inputs = request["input"] is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToArray() : [request["input"]!.GetValue<string>()];
            var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
            var data = inputs.Select((input, index) => new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = index,
                ["embedding"] = base64
                    ? JsonValue.Create(Convert.ToBase64String(Vector(input).SelectMany(BitConverter.GetBytes).ToArray()))
                    : new JsonArray([.. Vector(input).Select(value => (JsonNode)JsonValue.Create(value))]),
            });
            var answer = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. data]),
                ["model"] = request["model"]?.GetValue<string>(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Length, ["total_tokens"] = inputs.Length },
            };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(answer);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}

using Microsoft.SemanticKernel;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>A Semantic Kernel on the configured OpenAI-compatible chat endpoint, made per request.</summary>
internal static class ChatKernels
{
    public static Kernel Create(ChatModelSettings settings, string? userApiKey, IHttpClientFactory httpClients)
    {
        var builder = Kernel.CreateBuilder();
#pragma warning disable SKEXP0010 // A custom endpoint (Ollama, vLLM) is what "OpenAI-compatible" means here.
        builder.AddOpenAIChatCompletion(settings.Model!, settings.Endpoint!, userApiKey ?? settings.ApiKey, httpClient: httpClients.CreateClient(ModelAnswerer.HttpClientName));
#pragma warning restore SKEXP0010
        return builder.Build();
    }
}

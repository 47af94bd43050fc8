using Microsoft.Extensions.Configuration;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>
/// The OpenAI-compatible chat endpoint answers may use (<c>Cortex:Chat</c>): Ollama, vLLM, OpenAI or any
/// server speaking the chat-completions protocol with tool calls. Without <see cref="Endpoint"/> and
/// <see cref="Model"/> no model is used and nothing leaves the machine. The API key is the user's
/// secret <see cref="ApiKeySecret"/> when they stored one, else <c>Cortex:Chat:ApiKey</c>. Personal
/// identifiers are masked in what is sent (<see cref="PiiPseudonyms"/>) unless <c>Cortex:Chat:MaskPii</c>
/// is false or the user turned masking off for this server (<see cref="ModelServerMasking"/>).
/// </summary>
public sealed record ChatModelSettings(Uri? Endpoint, string? Model, string? ApiKey, TimeSpan Timeout, bool MaskPii = true)
{
    public const string Section = "Cortex:Chat";

    /// <summary>The name of the user's secret (Users/Secrets) holding their key for the chat endpoint.</summary>
    public const string ApiKeySecret = "cortex.chat.api-key";

    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    public static ChatModelSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var endpoint = section["Endpoint"] is { Length: > 0 } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw new InvalidOperationException($"{Section}:Endpoint '{text}' is not an http(s) URL (such as http://localhost:11434/v1 for Ollama).")
            : null;
        var seconds = section.GetValue<double?>("TimeoutSeconds") ?? 120;
        return new ChatModelSettings(
            endpoint, section["Model"], section["ApiKey"] is { Length: > 0 } key ? key : null, TimeSpan.FromSeconds(seconds), section.GetValue<bool?>("MaskPii") ?? true);
    }
}

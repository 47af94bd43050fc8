namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// Which model embeds records and queries, and how much of the machine embedding may take
/// (configuration section <c>Cortex:Embeddings</c>). By default the local MiniLM model; with
/// <c>Provider = openai</c>, any OpenAI-compatible <c>/v1/embeddings</c> endpoint (OpenAI, Ollama, vLLM).
/// </summary>
public sealed class EmbeddingSettings
{
    public const string Section = "Cortex:Embeddings";

    public const string LocalProvider = "local";
    public const string OpenAiProvider = "openai";

    /// <summary><c>local</c> (MiniLM in this process) or <c>openai</c> (an OpenAI-compatible endpoint).</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>The endpoint's base address, such as <c>http://localhost:11434/v1</c> (Ollama) or <c>https://api.openai.com/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The endpoint's model, such as <c>text-embedding-3-small</c> or <c>nomic-embed-text</c>.</summary>
    public string? Model { get; set; }

    /// <summary>The endpoint's API key, if it needs one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The dimensions of the endpoint model's vectors (asked for where the endpoint can shorten them).</summary>
    public int? Dimensions { get; set; }

    /// <summary>Distinct texts embedded per batch: small batches let queries and imports in between.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// Records a batch may look at to find ones lacking a vector (bounds one batch's database work: the
    /// records' and vectors' keys, and the text of those lacking one).
    /// </summary>
    public int ScanSize { get; set; } = 20_000;

    /// <summary>Batches embedded at once on one silo, across all users.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Threads the local model's runtime uses per batch.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>The pause between one user's batches, in which other work runs.</summary>
    public TimeSpan Pause { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How often the durable reminder wakes an unfinished pass, wherever the user's Cortex grain is
    /// activated next (after its silo died, say). Orleans' minimum is a minute unless the cluster's is lowered.
    /// </summary>
    public TimeSpan ResumeReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

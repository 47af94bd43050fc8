using Microsoft.Extensions.AI;

namespace Datapunk.Cortex.Embeddings;

/// <summary>An embedding model by the name its vectors are stored under, its dimensions, and what makes its vectors.</summary>
public sealed record EmbeddingModel(string Name, int Dimensions, IEmbeddingGenerator<string, Embedding<float>> Generator);

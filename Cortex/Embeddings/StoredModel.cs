namespace Datapunk.Cortex.Embeddings;

/// <summary>An embedding model as <c>vectors.embedding_models</c> numbers it; its rows have their own HNSW index.</summary>
public sealed record StoredModel(short Id, string Name, int Dimensions)
{
    /// <summary>A vector column expression of this model's dimension, as its index was built on.</summary>
    public string VectorSql(string column) => $"{column}::vector({Dimensions})";
}

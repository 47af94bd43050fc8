namespace Datapunk.Cortex.Embeddings;

/// <summary>
/// The records one embedding batch gives a vector, from the rows a scan read: in scan order, as many
/// as fit while at most <c>batchSize</c> distinct texts are new to the model (a record whose text is
/// embedded already, for another record or earlier in the batch, costs the model nothing), and the
/// distinct new texts to embed, each once.
/// </summary>
internal sealed class EmbeddingBatch
{
    /// <summary>A record a scan read: its text and the text's SHA-256 where it needs a vector, else nulls.</summary>
    public sealed record Scanned(short Kind, string Identity, string? Text, byte[]? Hash);

    /// <summary>A text the model has not embedded for the user yet.</summary>
    public sealed record NewText(short Kind, byte[] Hash, string Text);

    private EmbeddingBatch(List<Scanned> records, List<NewText> newTexts, int visited, bool full)
    {
        Records = records;
        NewTexts = newTexts;
        Visited = visited;
        Full = full;
    }

    /// <summary>The records given a vector, each with its text's hash.</summary>
    public IReadOnlyList<Scanned> Records { get; }

    /// <summary>The distinct texts to embed, in the order first met.</summary>
    public IReadOnlyList<NewText> NewTexts { get; }

    /// <summary>How many of the scanned rows the batch covers (the pass's cursor moves past them).</summary>
    public int Visited { get; }

    /// <summary>True when the batch stopped at its number of new texts, before the end of the scan.</summary>
    public bool Full { get; }

    /// <param name="scanned">The scan's rows in (kind, identity) order.</param>
    /// <param name="known">The (kind, hex hash) of texts the model has embedded for the user already.</param>
    /// <param name="batchSize">The most texts to embed.</param>
    public static EmbeddingBatch Take(IReadOnlyList<Scanned> scanned, IReadOnlySet<(short Kind, string Hash)> known, int batchSize)
    {
        var records = new List<Scanned>();
        var newTexts = new List<NewText>();
        var taken = new HashSet<(short Kind, string Hash)>();
        for (var i = 0; i < scanned.Count; i++)
        {
            var row = scanned[i];
            if (row.Hash is null)
            {
                continue;
            }

            var key = (row.Kind, Convert.ToHexString(row.Hash));
            if (!known.Contains(key) && !taken.Contains(key))
            {
                if (newTexts.Count == batchSize)
                {
                    return new EmbeddingBatch(records, newTexts, visited: i, full: true);
                }

                taken.Add(key);
                newTexts.Add(new NewText(row.Kind, row.Hash, row.Text!));
            }

            records.Add(row);
        }

        return new EmbeddingBatch(records, newTexts, scanned.Count, full: false);
    }
}

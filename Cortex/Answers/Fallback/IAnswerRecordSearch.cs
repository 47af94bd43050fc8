namespace Datapunk.Cortex.Answers.Fallback;

/// <summary>
/// The records that best match a question's words, best first: what an answer offers when no
/// template fits and no language model is configured, and the chat model's search tool
/// (<see cref="HybridAnswerSearch"/>).
/// </summary>
public interface IAnswerRecordSearch
{
    Task<IReadOnlyList<StoredRecord>> SearchAsync(string userId, string text, RecordsQuery filter, CancellationToken cancellationToken);
}

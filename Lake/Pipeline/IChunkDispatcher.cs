using Datapunk.Lake.Model;

namespace Datapunk.Lake.Pipeline;

/// <summary>Takes sealed chunks from a sink; blocks the reader while the merges are behind, which bounds memory.</summary>
internal interface IChunkDispatcher
{
    void Dispatch(StagedChunk chunk, CancellationToken cancellationToken);

    /// <summary>A chunk an earlier run already merged: nothing to stage, only its buffer to give back.</summary>
    void Discard(StagedChunk chunk);
}

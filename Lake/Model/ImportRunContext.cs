namespace Datapunk.Lake.Model;

/// <summary>One run of an import's pipeline: which import, whose data, and the run number its writes are fenced by.</summary>
internal sealed record ImportRunContext(Guid ImportId, string UserId, int RunNo, ImportChunking Chunking);

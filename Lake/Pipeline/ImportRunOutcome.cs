using Datapunk.Lake.Model;

namespace Datapunk.Lake.Pipeline;

/// <summary>How a run of an import's pipeline ended, for its job grain to record.</summary>
internal sealed record ImportRunOutcome(ImportRunEnd End, ImportTotals? Totals = null, string? Message = null, Exception? Error = null);

namespace Datapunk.Grains;

public static class ImportStates
{
    /// <summary>True once an import can no longer change: Completed, Failed or Cancelled.</summary>
    public static bool IsFinished(this ImportState state) => state is ImportState.Completed or ImportState.Failed or ImportState.Cancelled;
}

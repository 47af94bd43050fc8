namespace Datapunk.TestGrains;

/// <summary>
/// A persisted number whose write can be held back, so a test can pause the owning silo between
/// changing the state in memory and writing it, and prove that the late write is fenced off.
/// </summary>
public interface IFencingProbeGrain : IGrainWithStringKey
{
    /// <summary>Returns the id of the silo this activation runs on.</summary>
    Task<string> GetSiloAsync();

    /// <summary>Stores <paramref name="value"/> and returns it once it is written.</summary>
    Task<int> SetAsync(int value);

    /// <summary>Sets <paramref name="value"/> in memory, waits <paramref name="delayMs"/> milliseconds, then writes it.</summary>
    Task<int> SetSlowlyAsync(int value, int delayMs);

    /// <summary>Returns the value of this activation's state.</summary>
    Task<int> GetAsync();

    /// <summary>
    /// Sets <paramref name="amount"/> in memory (not written), waits <paramref name="delayMs"/> milliseconds,
    /// then adds it to <paramref name="counter"/> and returns the counter's new total.
    /// </summary>
    Task<int> AddToCounterSlowlyAsync(ICounterGrain counter, int amount, int delayMs);

    /// <summary>Returns the in-memory value while a slow set is waiting, so a test knows it has started.</summary>
    [AlwaysInterleave]
    Task<int> PeekAsync();
}

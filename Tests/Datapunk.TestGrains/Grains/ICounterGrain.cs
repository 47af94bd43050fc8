namespace Datapunk.TestGrains;

/// <summary>A persisted counter keyed by name: the smallest stateful grain, for failover and fencing tests.</summary>
[Alias("test.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/>, stores the total and returns it: an acknowledged total is in the database.</summary>
    [Alias("AddAsync")]
    Task<int> AddAsync(int amount);

    /// <summary>Returns the current total.</summary>
    [Alias("GetAsync")]
    Task<int> GetAsync();

    /// <summary>The silo this activation runs on (its address, as in the membership table).</summary>
    [Alias("GetSiloAsync")]
    Task<string> GetSiloAsync();

    /// <summary>
    /// Adds <paramref name="amount"/> and stores it after <paramref name="delay"/>, from a timer, and
    /// logs whether the store accepted the write ("counter write accepted" or "counter write rejected").
    /// </summary>
    [Alias("AddLaterAsync")]
    Task AddLaterAsync(int amount, TimeSpan delay);
}

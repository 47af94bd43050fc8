namespace Datapunk.TestGrains;

/// <summary>A counter keyed by name: the smallest stateful grain.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/> and returns the new total.</summary>
    Task<int> AddAsync(int amount);

    /// <summary>Returns the current total.</summary>
    Task<int> GetAsync();

    /// <summary>Sets the total back to zero.</summary>
    Task ResetAsync();

    /// <summary>Adds this counter's total to <paramref name="other"/> and returns the other's new total.</summary>
    Task<int> AddToAsync(ICounterGrain other);
}

namespace Datapunk.TestGrains;

/// <summary>Keeps a reference to a counter grain in its persisted state and adds to it through that reference.</summary>
public interface ILinkedCounterGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="counter"/> as the linked counter.</summary>
    Task LinkAsync(ICounterGrain counter);

    /// <summary>Adds <paramref name="amount"/> to the linked counter and returns its new total.</summary>
    Task<int> AddThroughLinkAsync(int amount);

    /// <summary>Returns the linked counter, or null when none is linked.</summary>
    Task<ICounterGrain?> GetLinkAsync();

    /// <summary>Asks the runtime to deactivate this activation once the call ends.</summary>
    Task DeactivateAsync();
}

namespace Datapunk.TestGrains;

/// <summary>A grain with a changeable display name; inherits <see cref="IBaseGrain"/>.</summary>
public interface INamedGrain : IBaseGrain
{
    /// <summary>Sets the display name.</summary>
    Task SetNameAsync(string name);

    /// <summary>Returns the display name, or null when none was set.</summary>
    Task<string?> GetNameAsync();
}

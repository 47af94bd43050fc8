namespace Datapunk.TestGrains;

/// <summary>Behaviour shared by grains that describe themselves; inherited by <see cref="INamedGrain"/>.</summary>
public interface IBaseGrain : IGrainWithStringKey
{
    /// <summary>Returns a one-line description of the grain.</summary>
    Task<string> DescribeAsync();
}

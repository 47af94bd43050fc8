namespace Datapunk.TestGrains;

/// <summary>Reports its own integer key, as the grain sees it.</summary>
public interface IIntegerKeyGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <c>GetPrimaryKeyLong()</c> of the activation.</summary>
    Task<long> GetKeyAsync();

    /// <summary>Returns <c>GetPrimaryKeyString()</c> of the activation: the key in its canonical text form.</summary>
    Task<string> GetKeyTextAsync();
}

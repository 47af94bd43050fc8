namespace Datapunk.TestGrains;

/// <summary>A grain whose status query may run while a long operation is in progress.</summary>
public interface IInterleavingGrain : IGrainWithStringKey
{
    /// <summary>Runs until <see cref="ReleaseAsync"/> is called and returns how many status queries it saw meanwhile.</summary>
    Task<int> HoldAsync();

    /// <summary>Ends a running <see cref="HoldAsync"/>.</summary>
    Task ReleaseAsync();

    /// <summary>Reports whether a hold is in progress; interleaves with it instead of waiting.</summary>
    [AlwaysInterleave]
    Task<bool> IsHoldingAsync();
}

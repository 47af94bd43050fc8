namespace Datapunk.Grains;

/// <summary>A grain that holds or reaches one user's personal data; the incoming call filter compares its owner with the caller.</summary>
public interface IPersonalDataGrain
{
    /// <summary>The user whose data this grain holds; null while it holds none (a job not started yet).</summary>
    string? OwnerUserId { get; }
}

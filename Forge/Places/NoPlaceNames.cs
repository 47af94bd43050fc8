namespace Datapunk.Forge.Places;

/// <summary>The name source while no gazetteer is registered: places without an export's name stay unnamed.</summary>
internal sealed class NoPlaceNames : IPlaceNameSource
{
    public Task<string?> NameAsync(double lat, double lng, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

using Datapunk.Forge.Places;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>The places model serves the user's places and takes the user's edits of them.</summary>
public sealed partial class ModelGrain : IPlacesModel
{
    private PlacesService Places
    {
        get
        {
            RequireKind(Kind, ModelKinds.Places);
            return ServiceProvider.GetRequiredService<PlacesService>();
        }
    }

    public Task<PlaceList> ListPlacesAsync(CancellationToken cancellationToken) => Places.ListAsync(User, cancellationToken);

    public Task<SignificantPlace?> GetPlaceAsync(Guid placeId, CancellationToken cancellationToken) => Places.GetAsync(User, placeId, cancellationToken);

    public Task<SignificantPlace?> RenamePlaceAsync(Guid placeId, string name) => Places.RenameAsync(User, placeId, name, CancellationToken.None);

    public Task<SignificantPlace?> MergePlacesAsync(Guid placeId, Guid otherId) => Places.MergeAsync(User, placeId, otherId, CancellationToken.None);

    public Task<IReadOnlyList<SignificantPlace>?> SplitPlaceAsync(Guid placeId, PlaceSplit split) =>
        PlacesService.SplitProblem(split) is { } problem
            ? throw new ArgumentException(problem, nameof(split))
            : Places.SplitAsync(User, placeId, split, CancellationToken.None);
}

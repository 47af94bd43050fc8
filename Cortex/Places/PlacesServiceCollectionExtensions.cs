using Datapunk.Lake.Reading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Datapunk.Cortex.Places;

public static class PlacesServiceCollectionExtensions
{
    /// <summary>
    /// Places and local time (settings under <c>Cortex:Places</c>): the gazetteer and its loader at start,
    /// reverse geocoding and the user's zone spans, which replace the Lake readers' defaults.
    /// </summary>
    public static IServiceCollection AddCortexPlaces(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new PlacesOptions();
        configuration.GetSection(PlacesOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<GazetteerLoader>();
        services.AddHostedService<GazetteerLoaderService>();
        services.AddSingleton<PlaceNames>();
        services.Replace(ServiceDescriptor.Singleton<IPlaceNamer>(provider => provider.GetRequiredService<PlaceNames>()));
        services.Replace(ServiceDescriptor.Singleton<ILocalZoneSpans, LocalZoneSpans>());
        services.AddSingleton<LocalTimes>();
        services.AddSingleton<LocalZonePass>();
        return services;
    }
}

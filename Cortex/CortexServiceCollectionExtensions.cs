using Datapunk.Cortex.Places;
using Datapunk.Cortex.Answers;
using Datapunk.Cortex.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Cortex;

public static class CortexServiceCollectionExtensions
{
    /// <summary>
    /// Search, answers and places over the records the Lake stored (docs/cortex.md), with settings under
    /// <c>Cortex</c>. Needs an <c>NpgsqlDataSource</c> registered by the host.
    /// </summary>
    public static IServiceCollection AddCortex(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCortexPlaces(configuration);
        services.AddCortexAnswers(configuration);
        services.AddCortexSearch(configuration);
        return services;
    }
}

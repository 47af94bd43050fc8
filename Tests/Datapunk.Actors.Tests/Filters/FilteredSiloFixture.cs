using Datapunk.Actors.Hosting;
using Datapunk.Actors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Actors.Tests.Filters;

/// <summary>A silo with recording call filters on both sides.</summary>
public sealed class FilteredSiloFixture : SiloFixture
{
    public RecordingIncomingFilter Incoming => Silo.Services.GetServices<IIncomingGrainCallFilter>().OfType<RecordingIncomingFilter>().Single();

    public RecordingOutgoingFilter Outgoing => Silo.Services.GetServices<IOutgoingGrainCallFilter>().OfType<RecordingOutgoingFilter>().Single();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddIncomingGrainCallFilter<RecordingIncomingFilter>();
        services.AddOutgoingGrainCallFilter<RecordingOutgoingFilter>();
    }
}

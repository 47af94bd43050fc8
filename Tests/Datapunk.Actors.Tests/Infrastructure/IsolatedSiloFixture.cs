using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>
/// A silo for tests that may leave an activation wedged when the runtime misbehaves: it is no one
/// else's, and it stops within two seconds even when an activation never finishes its turn.
/// </summary>
public sealed class IsolatedSiloFixture : SiloFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
}

namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>A silo whose calls time out after one second.</summary>
public sealed class ShortTimeoutSiloFixture : SiloFixture
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    protected override TimeSpan? CallTimeout => Timeout;
}

namespace Datapunk.Streams.Limits;

/// <summary>The limit a Google 403 reports (<see cref="GoogleUsageLimits"/>).</summary>
internal enum UsageLimit
{
    None,
    Rate,
    Daily,
}

namespace Datapunk.Testing.Providers;

/// <summary>A change-notification subscription <see cref="FakeMicrosoftGraph"/> holds: what was asked for, and its expiry as granted (renewals move it).</summary>
public sealed record FakeGraphSubscription(string Id, string Account, string Resource, string ChangeType, Uri NotificationUrl, string ClientState)
{
    public DateTimeOffset Expires { get; set; }
}

namespace Datapunk.Testing.Providers;

/// <summary>A push-notification channel <see cref="FakeGoogleCalendar"/> holds for one calendar's events.</summary>
public sealed record FakeGoogleChannel(string Id, string Account, string Calendar, string ResourceId, Uri Address, string Token, DateTimeOffset Expires);

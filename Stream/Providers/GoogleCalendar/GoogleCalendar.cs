namespace Datapunk.Streams.Providers.GoogleCalendar;

/// <summary>A calendar of the account's list: its id (an e-mail address, or <c>…@group.calendar.google.com</c>), name and time zone.</summary>
internal sealed record GoogleCalendar(string Id, string? Summary, string? TimeZone);

namespace Datapunk.Lake.Formats.TextCodecs;

/// <summary>One parameter value of an iCalendar or vCard content line (<c>TYPE=HOME,WORK</c> gives two).</summary>
/// <param name="Name">The parameter name in upper case; vCard 2.1's bare <c>;HOME</c> is read as <c>TYPE</c>.</param>
/// <param name="Value">The value, unquoted.</param>
public sealed record ContentParameter(string Name, string Value);

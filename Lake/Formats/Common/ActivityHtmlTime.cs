namespace Datapunk.Lake.Formats.Common;

/// <summary>A date read from an HTML activity export.</summary>
/// <param name="Utc">The instant, UTC; read as UTC when the text had no zone or an unknown one.</param>
/// <param name="Zone">The zone as written (<c>AEDT</c>, <c>GMT+1</c>), or null when the text had none.</param>
/// <param name="UtcOffset">The offset applied, or null when none could be (no zone, or an unknown one).</param>
public readonly record struct ActivityHtmlTime(DateTime Utc, string? Zone, TimeSpan? UtcOffset)
{
    /// <summary>True when the text said which zone it was in and that zone is known.</summary>
    public bool ZoneKnown => UtcOffset is not null;
}

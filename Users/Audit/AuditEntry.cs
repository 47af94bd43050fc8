using System.Text.RegularExpressions;

namespace Datapunk.Users.Audit;

/// <summary>
/// One access to personal data as a caller appends it: who (<paramref name="Actor"/>: a user id or
/// <see cref="AuditActors.System"/>), whose data (<paramref name="Subject"/>), what
/// (<paramref name="Action"/>, e.g. <c>records.read</c>), how many records, and from where
/// (<paramref name="Origin"/>: the client's IP address, <c>cli</c>, <c>grpc</c>). The log adds the
/// sequence number, the time and the hashes. Details must not name other users: erasure blanks
/// them only in the erased user's own entries.
/// </summary>
public sealed partial record AuditEntry(
    string Actor, string Subject, string Action, long RecordCount, string Origin, IReadOnlyDictionary<string, string>? Details = null)
{
    public const int MaxFieldLength = 200;

    /// <summary>Throws <see cref="ArgumentException"/> naming the field that is not acceptable.</summary>
    public void Validate()
    {
        RequireText(Actor, nameof(Actor));
        RequireText(Subject, nameof(Subject));
        RequireText(Origin, nameof(Origin));
        if (!ActionPattern().IsMatch(Action ?? ""))
        {
            throw new ArgumentException(
                $"Audit action '{Action}' is not valid: dot-separated lower-case words, e.g. 'records.read' (at most {MaxFieldLength} characters).", nameof(Action));
        }

        if (RecordCount < 0)
        {
            throw new ArgumentException($"Audit entry '{Action}' has a negative record count ({RecordCount}).", nameof(RecordCount));
        }

        foreach (var (key, value) in Details ?? new Dictionary<string, string>())
        {
            if (key.Contains('\0', StringComparison.Ordinal) || value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Audit entry '{Action}' has detail '{key}' with a NUL character or no value.", nameof(Details));
            }
        }
    }

    private void RequireText(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxFieldLength || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Audit entry '{Action}' needs a {field.ToLowerInvariant()} of 1 to {MaxFieldLength} characters, got '{value}'.", field);
        }
    }

    [GeneratedRegex(@"^(?=.{1,200}$)[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();
}

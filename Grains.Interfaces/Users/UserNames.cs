using System.Text.RegularExpressions;

namespace Datapunk.Grains;

/// <summary>The rule for user names, shared by the gateway (to answer 400) and the grain (to refuse bad keys).</summary>
public static partial class UserNames
{
    public const string Rule = "3 to 64 characters: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit; not 'system'";

    /// <summary>Names the platform uses for itself (the audit log's actor for work no user asked for).</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal) { "system" };

    public static bool IsValid(string? userName) => userName is not null && Pattern().IsMatch(userName) && !Reserved.Contains(userName);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

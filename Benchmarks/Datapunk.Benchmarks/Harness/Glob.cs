using System.Text.RegularExpressions;

namespace Datapunk.Benchmarks.Harness;

/// <summary>Shell-style patterns (<c>*</c> and <c>?</c>), case-insensitive, over benchmark names.</summary>
internal static class Glob
{
    public static bool Matches(string pattern, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase);
}

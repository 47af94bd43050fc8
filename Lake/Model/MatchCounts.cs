namespace Datapunk.Lake.Model;

/// <summary>Records matched with stored ones, counted by <see cref="MatchRule"/>.</summary>
public sealed class MatchCounts() : NamedCounts<MatchRule>(MatchRules.All, rule => rule.ToName());

namespace Datapunk.Lake.Tables;

/// <summary>
/// The user's corrections to the inferred columns, each naming a column by its inferred name or its header:
/// a type (<c>amount=numeric</c>), a new name (<c>amt=amount</c>), or leaving it out.
/// </summary>
public sealed record TableColumnChanges(
    IReadOnlyDictionary<string, string>? Types = null,
    IReadOnlyDictionary<string, string>? Renames = null,
    IReadOnlyCollection<string>? Skip = null)
{
    public static TableColumnChanges None { get; } = new();

    /// <exception cref="TableColumnChangeException">A change names no column, an unknown type or an invalid or repeated name, or skips every column.</exception>
    public IReadOnlyList<ColumnPlan> Apply(IReadOnlyList<ColumnPlan> plans)
    {
        var changed = plans.ToList();
        foreach (var column in Skip ?? [])
        {
            changed.Remove(Find(changed, column));
        }

        foreach (var (column, type) in Types ?? new Dictionary<string, string>())
        {
            var plan = Find(changed, column);
            var parsed = ColumnTypes.Parse(type)
                ?? throw new TableColumnChangeException($"\"{type}\" (for column \"{column}\") is not a column type; these are: {string.Join(", ", ColumnTypes.All)}.");
            changed[changed.IndexOf(plan)] = plan with { Column = plan.Column with { Type = parsed } };
        }

        foreach (var (column, name) in Renames ?? new Dictionary<string, string>())
        {
            var plan = Find(changed, column);
            if (!ColumnNames.IsValid(name))
            {
                throw new TableColumnChangeException($"\"{name}\" (for column \"{column}\") cannot name a column: it must be {ColumnNames.Rule}.");
            }

            changed[changed.IndexOf(plan)] = plan with { Column = plan.Column with { Name = name } };
        }

        if (changed.Count == 0)
        {
            throw new TableColumnChangeException("Every column is skipped: a table needs at least one.");
        }

        if (changed.GroupBy(p => p.Column.Name).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new TableColumnChangeException($"Two columns would be named \"{repeated.Key}\": rename one.");
        }

        return changed;
    }

    private static ColumnPlan Find(List<ColumnPlan> plans, string column) =>
        plans.FirstOrDefault(p => p.Column.Name == column)
        ?? plans.FirstOrDefault(p => string.Equals(p.Column.Source, column, StringComparison.OrdinalIgnoreCase))
        ?? throw new TableColumnChangeException(
            $"There is no column \"{column}\"; the columns are: {string.Join(", ", plans.Select(p => p.Column.Name))}.");
}

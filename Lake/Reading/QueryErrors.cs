namespace Datapunk.Lake.Reading;

/// <summary>
/// What is wrong with a reading query, by parameter name: the API answers 400 with them, and the
/// readers refuse a query that has any (a caller that skipped the API's check gets an exception).
/// </summary>
public sealed class QueryErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> ByParameter => _errors;

    public void Add(string parameter, string message) =>
        _errors[parameter] = _errors.TryGetValue(parameter, out var earlier) ? [.. earlier, message] : [message];

    /// <summary>Throws <see cref="ArgumentException"/> naming every problem, when there is one.</summary>
    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ArgumentException(string.Join(" ", _errors.SelectMany(pair => pair.Value.Select(message => $"{pair.Key}: {message}"))));
        }
    }
}

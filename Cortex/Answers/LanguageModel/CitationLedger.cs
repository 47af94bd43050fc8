using System.Text.RegularExpressions;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>
/// The records the tools showed a chat model, each under a short reference (<c>r1</c>, <c>r2</c>, …) the
/// model cites in square brackets, and the calls it made. Only references handed out here become
/// citations: anything else the model writes in brackets is dropped from the answer.
/// </summary>
public sealed partial class CitationLedger
{
    private readonly Dictionary<string, AnswerCitation> _byReference = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Id), string> _references = [];
    private readonly List<AnswerToolCall> _calls = [];

    public IReadOnlyList<AnswerToolCall> Calls => _calls;

    /// <summary>The reference of <paramref name="citation"/>, the same each time the same record is shown.</summary>
    public string Register(AnswerCitation citation)
    {
        lock (_byReference)
        {
            if (!_references.TryGetValue((citation.Kind, citation.Id), out var reference))
            {
                reference = $"r{_references.Count + 1}";
                _references[(citation.Kind, citation.Id)] = reference;
                _byReference[reference] = citation;
            }

            return reference;
        }
    }

    public void Called(string name, string arguments, int records)
    {
        lock (_calls)
        {
            _calls.Add(new AnswerToolCall(name, arguments, records));
        }
    }

    /// <summary>
    /// The model's text with each known reference renumbered by the citation it becomes (<c>[r7]</c> →
    /// <c>[1]</c>) and unknown ones removed, and those citations in order of first use.
    /// </summary>
    public (string Text, IReadOnlyList<AnswerCitation> Citations) Resolve(string text)
    {
        var cited = new List<string>();
        var resolved = Brackets().Replace(text, match =>
        {
            var numbers = new List<string>();
            foreach (var reference in match.Groups["refs"].Value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (_byReference.ContainsKey(reference))
                {
                    if (!cited.Contains(reference))
                    {
                        cited.Add(reference);
                    }

                    numbers.Add((cited.IndexOf(reference) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return numbers.Count == 0 ? "" : $" [{string.Join(", ", numbers)}]";
        });
        return (Spaces().Replace(resolved, " ").Replace(" .", ".", StringComparison.Ordinal).Trim(), [.. cited.Select(reference => _byReference[reference])]);
    }

    [GeneratedRegex(@"\s?\[(?<refs>r\d+(?:\s*[,;]\s*r\d+)*)\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}

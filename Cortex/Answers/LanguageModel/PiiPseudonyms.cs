using System.Text.RegularExpressions;
using Datapunk.Lake.Catalog.Pii;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>
/// What keeps personal identifiers on the machine while a chat model answers (docs/cortex.md, "What the
/// model server sees"): every identifier <see cref="PiiScanner"/> finds in text bound for the model (the
/// question, the tools' results) is replaced by a pseudonym such as «email-1», the same value always by
/// the same pseudonym within one question; pseudonyms in the model's tool arguments and in its answer
/// are turned back into the values before Datapunk reads with them or shows the answer. The model can
/// still say "you wrote to «email-1» most" and search for «email-1»; the server never sees the address.
/// When masking is off for the user and server, text passes unchanged. One instance serves one question.
/// </summary>
public sealed partial class PiiPseudonyms(bool enabled)
{
    private readonly Dictionary<string, string> pseudonymByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> valueByPseudonym = new(StringComparer.Ordinal);
    private readonly Dictionary<PiiKind, int> countByKind = [];

    public bool Enabled => enabled;

    /// <summary>How many distinct identifiers were hidden so far.</summary>
    public int Count => pseudonymByValue.Count;

    /// <summary><paramref name="text"/> with each identifier replaced by its pseudonym.</summary>
    public string? Hide(string? text)
    {
        if (!enabled || string.IsNullOrEmpty(text))
        {
            return text;
        }

        return PiiMasker.Replace(text, PiiScanner.DefaultPhoneRegions, PseudonymOf);
    }

    /// <summary><paramref name="text"/> with every pseudonym this instance gave turned back into its value.</summary>
    public string? Reveal(string? text) =>
        !enabled || string.IsNullOrEmpty(text) || valueByPseudonym.Count == 0
            ? text
            : Pseudonym().Replace(text, match => valueByPseudonym.GetValueOrDefault(match.Value, match.Value));

    private string PseudonymOf(PiiKind kind, string value)
    {
        if (pseudonymByValue.TryGetValue(value, out var known))
        {
            return known;
        }

        var number = countByKind[kind] = countByKind.GetValueOrDefault(kind) + 1;
        var pseudonym = $"«{PiiKindNames.Of(kind)}-{number}»";
        pseudonymByValue[value] = pseudonym;
        valueByPseudonym[pseudonym] = value;
        return pseudonym;
    }

    [GeneratedRegex("«[a-z_]+-[0-9]+»", RegexOptions.CultureInvariant)]
    private static partial Regex Pseudonym();
}

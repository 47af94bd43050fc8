using System.Text;

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>
/// Replaces every identifier <see cref="PiiScanner"/> finds with its kind in brackets ("[email]",
/// "[phone]", "[iban]", "[card]", "[national_id]", "[postal_address]"), wherever data leaves the owner's
/// own view: the SQL workbench unless the owner unmasks, and text sent to a language-model server.
/// </summary>
public static class PiiMasker
{
    /// <summary><paramref name="text"/> with its identifiers masked; the same string when it has none.</summary>
    public static string Mask(string text) => Mask(text, PiiScanner.DefaultPhoneRegions);

    /// <summary>The same, recognising national phone numbers of <paramref name="phoneRegions"/>.</summary>
    public static string Mask(string text, IReadOnlyList<string> phoneRegions) =>
        Replace(text, phoneRegions, (kind, _) => $"[{PiiKindNames.Of(kind)}]");

    /// <summary>
    /// <paramref name="text"/> with each identifier found replaced by what <paramref name="replacement"/> gives for its
    /// kind and value; the same string when it has none.
    /// </summary>
    public static string Replace(string text, IReadOnlyList<string> phoneRegions, Func<PiiKind, string, string> replacement)
    {
        var findings = PiiScanner.Scan(text, phoneRegions);
        if (findings.Count == 0)
        {
            return text;
        }

        var replaced = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings)
        {
            replaced.Append(text, position, finding.Start - position).Append(replacement(finding.Kind, text.Substring(finding.Start, finding.Length)));
            position = finding.End;
        }

        return replaced.Append(text, position, text.Length - position).ToString();
    }
}

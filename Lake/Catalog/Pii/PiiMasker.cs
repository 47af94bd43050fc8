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
    public static string Mask(string text, IReadOnlyList<string> phoneRegions)
    {
        var findings = PiiScanner.Scan(text, phoneRegions);
        if (findings.Count == 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings)
        {
            masked.Append(text, position, finding.Start - position)
                .Append('[').Append(PiiKindNames.Of(finding.Kind)).Append(']');
            position = finding.End;
        }

        return masked.Append(text, position, text.Length - position).ToString();
    }
}

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>
/// Finds personal identifiers in text: e-mail addresses, phone numbers, IBANs and payment card numbers
/// (with their check digits), national identity numbers and street addresses (docs/catalog.md, "PII").
/// Findings do not overlap: where two detectors claim the same characters, the one whose match is
/// proved by a checksum wins (IBAN, card, national id), then e-mail, phone and address.
/// </summary>
public static class PiiScanner
{
    /// <summary>
    /// Regions whose national phone format is recognised besides the international one (+…); a number
    /// written nationally for another country is not found.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultPhoneRegions = ["US", "GB", "DE", "FR", "ES", "IT", "NL"];

    /// <summary>The identifiers in <paramref name="text"/>, in order of position.</summary>
    public static IReadOnlyList<PiiFinding> Scan(string? text) => Scan(text, DefaultPhoneRegions);

    /// <summary>The same, recognising national phone numbers of <paramref name="phoneRegions"/> (ISO 3166 codes).</summary>
    public static IReadOnlyList<PiiFinding> Scan(string? text, IReadOnlyList<string> phoneRegions)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        // In order of precedence: an earlier detector's finding keeps its characters.
        var candidates = new List<PiiFinding>();
        IbanDetector.Find(text, candidates);
        PaymentCardDetector.Find(text, candidates);
        NationalIdDetector.Find(text, candidates);
        EmailDetector.Find(text, candidates);
        PhoneDetector.Find(text, phoneRegions, candidates);
        PostalAddressDetector.Find(text, candidates);

        var kept = new List<PiiFinding>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (!kept.Exists(candidate.Overlaps))
            {
                kept.Add(candidate);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }
}

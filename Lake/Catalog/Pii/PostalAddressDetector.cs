using System.Text.RegularExpressions;

namespace Datapunk.Lake.Catalog.Pii;

/// <summary>
/// Street addresses in the shapes the languages of the exports write them: a house number before a
/// street name ending in a street word ("221B Baker Street", "1600 Pennsylvania Ave"), a street word
/// then a name after a number ("12 rue de la Paix", "5 calle Mayor"), and a compound street name
/// before its number ("Hauptstraße 12", "Kerkstraat 3"). A heuristic, tuned to miss rather than to
/// flag every number followed by a capitalised word; docs/catalog.md gives its limits.
/// </summary>
internal static partial class PostalAddressDetector
{
    public static void Find(string text, List<PiiFinding> findings)
    {
        foreach (var pattern in new[] { NumberNameStreet(), NumberStreetName(), StreetNameNumber() })
        {
            foreach (Match match in pattern.Matches(text))
            {
                findings.Add(new PiiFinding(PiiKind.PostalAddress, match.Index, match.Length));
            }
        }
    }

    [GeneratedRegex(
        @"\b\d{1,5}[A-Za-z]?,? (?:\p{Lu}[\p{L}'.-]*\.? ){1,4}(?i:street|st\.|road|rd\.|avenue|ave\.?|lane|ln\.|boulevard|blvd\.?|drive|dr\.|way|court|ct\.|place|pl\.|terrace|close|crescent|square|highway|hwy)(?![\p{L}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumberNameStreet();

    [GeneratedRegex(
        @"\b\d{1,4}(?: ?(?:bis|ter|[a-c]))?,? (?i:rue|avenue|boulevard|bd|chemin|impasse|allée|calle|avenida|carrer|rua|via|viale|piazza|corso) (?:(?:de|del|de la|des|du|dos|da|di|della|l')\s?)?\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*){0,3}",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumberStreetName();

    [GeneratedRegex(
        @"\b\p{Lu}[\p{L}-]*(?i:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|straat|laan|gracht|plein|vej|gatan|gata|veien) \d{1,4}[a-z]?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex StreetNameNumber();
}

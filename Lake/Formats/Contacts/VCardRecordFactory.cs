using System.Text;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Contacts;

/// <summary>
/// One vCard to one <see cref="RecordKind.Contact"/> record. The identity is the card's UID when it
/// has one, otherwise a hash of its display name and sorted e-mail addresses and phone numbers, so
/// the same contact exported twice collides while reordered fields do not matter. Photo bytes are
/// never kept; only whether there is a photo (and its URL when it is a link).
/// </summary>
public sealed class VCardRecordFactory(IImportSink sink)
{
    private static readonly Dictionary<string, string> ImProperties = new(StringComparer.Ordinal)
    {
        ["X-GTALK"] = "gtalk", ["X-GOOGLE-TALK"] = "gtalk", ["X-SKYPE"] = "skype", ["X-SKYPE-USERNAME"] = "skype", ["X-AIM"] = "aim",
        ["X-ICQ"] = "icq", ["X-JABBER"] = "jabber", ["X-MSN"] = "msn", ["X-YAHOO"] = "yahoo", ["X-QQ"] = "qq", ["X-GADUGADU"] = "gadugadu",
    };

    private static readonly HashSet<string> KnownProperties =
    [
        "BEGIN", "END", "VERSION", "FN", "N", "NICKNAME", "EMAIL", "TEL", "ADR", "ORG", "TITLE", "ROLE", "BDAY", "ANNIVERSARY", "URL", "NOTE",
        "UID", "PHOTO", "CATEGORIES", "IMPP", "RELATED", "REV", "PRODID", "SOURCE", "KIND", "GENDER", "LABEL", "LOGO", "SOUND", "GEO", "TZ",
        "MAILER", "SORT-STRING", "CLASS", "KEY", "LANG", "MEMBER", "XML", "FBURL", "CALURI", "CALADRURI", "CLIENTPIDMAP", "NAME", "PROFILE",
    ];

    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>The record, or null after rejecting a card with nothing in it (no name, address, number or note).</summary>
    public PersonalRecord? Create(VCardCard card)
    {
        ReportUnknown(card);
        var formattedName = card.First("FN") is { } fn && Text(fn) is { Length: > 0 } fnText ? fnText : null;
        var name = card.First("N") is { } n ? ContentValues.Split(n.Value, ';') : null;
        var emails = card.All("EMAIL").Select(e => Entry(card, e, StripScheme(Text(e), "mailto:"))).Where(e => e is not null).ToList();
        var phones = card.All("TEL").Select(t => Entry(card, t, StripScheme(Text(t), "tel:"))).Where(e => e is not null).ToList();
        var addresses = card.All("ADR").Select(a => Address(card, a)).ToList();
        var org = card.First("ORG") is { } o ? ContentValues.Split(o.Value, ';').Where(p => p.Length > 0).ToList() : [];
        var notes = string.Join("\n\n", card.All("NOTE").Select(Text).Where(t => t.Length > 0));
        var title = formattedName is { Length: > 0 } ? formattedName
            : name is not null && ComposeName(name) is { Length: > 0 } composed ? composed
            : org.FirstOrDefault() ?? (string?)emails.FirstOrDefault()?["value"] ?? (string?)phones.FirstOrDefault()?["value"];
        if (title is null && notes.Length == 0 && addresses.Count == 0)
        {
            sink.RejectRecord(RejectReason.MissingField, $"The card at byte {card.Offset} has no name, address, number or note and was skipped.");
            return null;
        }

        var uid = card.First("UID") is { } u ? Text(u) : null;
        var emailKeys = emails.Select(e => ((string)e!["value"]!).ToLowerInvariant()).Order(StringComparer.Ordinal);
        var phoneKeys = phones.Select(p => PhoneKey((string)p!["value"]!)).Order(StringComparer.Ordinal);
        var identity = string.IsNullOrEmpty(uid)
            ? RecordIdentity.FromContent(formattedName ?? title, string.Join(",", emailKeys), string.Join(",", phoneKeys))
            : RecordIdentity.Native("vcard", uid);

        var photo = card.First("PHOTO");
        var source = new JsonObject
        {
            ["version"] = card.First("VERSION")?.Value.Trim(),
            ["uid"] = string.IsNullOrEmpty(uid) ? null : uid,
            ["formattedName"] = formattedName,
            ["name"] = name is null ? null : new JsonObject
            {
                ["family"] = Part(name, 0), ["given"] = Part(name, 1), ["additional"] = Part(name, 2), ["prefix"] = Part(name, 3), ["suffix"] = Part(name, 4),
            },
            ["nicknames"] = Strings(card.All("NICKNAME").SelectMany(k => ContentValues.Split(k.Value, ','))),
            ["phonetic"] = Phonetic(card),
            ["emails"] = new JsonArray([.. emails]),
            ["phones"] = new JsonArray([.. phones]),
            ["addresses"] = new JsonArray([.. addresses]),
            ["ims"] = new JsonArray([.. Ims(card)]),
            ["org"] = org.Count == 0 ? null : new JsonObject { ["name"] = org[0], ["units"] = Strings(org.Skip(1)) },
            ["title"] = card.First("TITLE") is { } t2 ? Text(t2) : null,
            ["role"] = card.First("ROLE") is { } r ? Text(r) : null,
            ["birthday"] = card.First("BDAY")?.Value.Trim(),
            ["dates"] = new JsonArray([.. card.All("X-ABDATE").Concat(card.All("ANNIVERSARY")).Select(d => (JsonNode?)new JsonObject
            {
                ["date"] = d.Value.Trim(), ["label"] = card.Label(d) ?? (d.Is("ANNIVERSARY") ? "Anniversary" : null),
            })]),
            ["related"] = new JsonArray([.. card.All("X-ABRELATEDNAMES").Concat(card.All("RELATED")).Select(d => (JsonNode?)new JsonObject
            {
                ["name"] = Text(d), ["label"] = card.Label(d) ?? d.Parameter("TYPE"),
            })]),
            ["urls"] = new JsonArray([.. card.All("URL").Select(d => (JsonNode?)new JsonObject { ["value"] = Text(d), ["label"] = card.Label(d) ?? Types(d).FirstOrDefault() })]),
            ["categories"] = Strings(card.All("CATEGORIES").SelectMany(c => ContentValues.Split(c.Value, ',')).Where(c => c.Length > 0)),
            ["notes"] = notes.Length > 0 ? notes : null,
            ["hasPhoto"] = photo is not null,
            ["photoUrl"] = photo is not null && photo.Value.Trim().StartsWith("http", StringComparison.OrdinalIgnoreCase) ? ContentValues.Unescape(photo.Value.Trim()) : null,
        };

        return new PersonalRecord
        {
            Kind = RecordKind.Contact,
            Identity = identity,
            Title = title,
            Text = SearchText(title, source),
            Source = source,
        };
    }

    private void ReportUnknown(VCardCard card)
    {
        foreach (var property in card.Properties)
        {
            if (!property.Name.StartsWith("X-", StringComparison.Ordinal) && !KnownProperties.Contains(property.Name) && _reported.Add(property.Name))
            {
                sink.ReportUnknownField("VCARD." + property.Name, property.Value.Length > 80 ? property.Value[..80] + "…" : property.Value);
            }
        }
    }

    private static JsonObject? Entry(VCardCard card, ContentLine line, string value) => value.Length == 0 ? null : new JsonObject
    {
        ["value"] = value,
        ["types"] = Strings(Types(line)),
        ["label"] = card.Label(line),
    };

    private static JsonObject Address(VCardCard card, ContentLine line)
    {
        var parts = ContentValues.Split(line.Value, ';');
        return new JsonObject
        {
            ["poBox"] = Part(parts, 0), ["extended"] = Part(parts, 1), ["street"] = Part(parts, 2), ["locality"] = Part(parts, 3),
            ["region"] = Part(parts, 4), ["postalCode"] = Part(parts, 5), ["country"] = Part(parts, 6),
            ["types"] = Strings(Types(line)),
            ["label"] = card.Label(line),
        };
    }

    private static IEnumerable<JsonNode?> Ims(VCardCard card)
    {
        foreach (var line in card.Properties)
        {
            string? service = null;
            var value = Text(line);
            if (ImProperties.TryGetValue(line.Name, out var known))
            {
                service = known;
            }
            else if (line.Is("IMPP"))
            {
                var colon = value.IndexOf(':');
                service = colon > 0 ? value[..colon].ToLowerInvariant() : line.Parameter("X-SERVICE-TYPE")?.ToLowerInvariant();
                value = colon > 0 ? value[(colon + 1)..] : value;
            }

            if (service is not null && value.Length > 0)
            {
                yield return new JsonObject { ["service"] = service, ["value"] = value, ["label"] = card.Label(line) ?? Types(line).FirstOrDefault() };
            }
        }
    }

    private static JsonObject? Phonetic(VCardCard card)
    {
        var given = card.First("X-PHONETIC-FIRST-NAME") is { } g ? Text(g) : null;
        var family = card.First("X-PHONETIC-LAST-NAME") is { } f ? Text(f) : null;
        return given is null && family is null ? null : new JsonObject { ["given"] = given, ["family"] = family };
    }

    /// <summary>TYPE values in lower case, without the uninformative INTERNET and PREF.</summary>
    private static IEnumerable<string> Types(ContentLine line) =>
        line.ParameterValues("TYPE").Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0 && t is not "internet" and not "pref").Distinct();

    private static string? SearchText(string? title, JsonObject source)
    {
        var text = new StringBuilder();
        void Line(string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.Append(value.Trim()).Append('\n');
            }
        }

        Line(title);
        if ((string?)source["org"]?["name"] is { } org && org != title)
        {
            Line(org);
        }

        Line((string?)source["title"]);
        foreach (var list in new[] { "emails", "phones" })
        {
            foreach (var entry in source[list]!.AsArray())
            {
                Line((string?)entry!["value"]);
            }
        }

        foreach (var address in source["addresses"]!.AsArray())
        {
            Line(string.Join(", ", new[] { "street", "locality", "region", "postalCode", "country" }
                .Select(k => ((string?)address![k])?.Replace('\n', ' ')).Where(v => !string.IsNullOrWhiteSpace(v))));
        }

        Line((string?)source["notes"]);
        var result = text.ToString().TrimEnd();
        return result.Length == 0 ? null : HtmlText.Truncate(result, 64 * 1024);
    }

    private static string ComposeName(List<string> n) =>
        string.Join(' ', new[] { Part(n, 3), Part(n, 1), Part(n, 2), Part(n, 0), Part(n, 4) }.Where(p => p is not null));

    private static string? Part(List<string> parts, int index) => index < parts.Count && parts[index].Trim().Length > 0 ? parts[index].Trim() : null;

    private static string Text(ContentLine line) => ContentValues.Unescape(line.Value).Trim();

    private static string StripScheme(string value, string scheme) =>
        value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? value[scheme.Length..].Trim() : value;

    /// <summary>Digits and a leading '+': "+1 (555) 555-1111" and "+15555551111" are the same number.</summary>
    private static string PhoneKey(string phone) =>
        (phone.TrimStart().StartsWith('+') ? "+" : "") + new string([.. phone.Where(char.IsAsciiDigit)]);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}

using Datapunk.Lake.Catalog.Pii;

namespace Datapunk.Lake.Tests.Catalog;

/// <summary>
/// What <see cref="PiiScanner"/> takes for a personal identifier, and what it must not: numbers that
/// look alike but fail a checksum or a numbering plan (dates, amounts, epoch milliseconds, order ids).
/// </summary>
public sealed class PiiScannerTests
{
    [Theory]
    [InlineData("write to jane.doe+datapunk@example.co.uk today", PiiKind.Email, "jane.doe+datapunk@example.co.uk")]
    [InlineData("call +44 20 7946 0958 after six", PiiKind.Phone, "+44 20 7946 0958")]
    [InlineData("Google: +1 650-253-0000.", PiiKind.Phone, "+1 650-253-0000")]
    [InlineData("office (650) 253-0000 ext", PiiKind.Phone, "(650) 253-0000")]
    [InlineData("Festnetz 030 22732152 bitte", PiiKind.Phone, "030 22732152")]
    [InlineData("rent to DE89 3704 0044 0532 0130 00 monthly", PiiKind.Iban, "DE89 3704 0044 0532 0130 00")]
    [InlineData("GB82WEST12345698765432", PiiKind.Iban, "GB82WEST12345698765432")]
    [InlineData("card 4111 1111 1111 1111 exp 12/29", PiiKind.PaymentCard, "4111 1111 1111 1111")]
    [InlineData("card 5500-0000-0000-0004", PiiKind.PaymentCard, "5500-0000-0000-0004")]
    [InlineData("SSN 123-45-6789 on file", PiiKind.NationalId, "123-45-6789")]
    [InlineData("NI number AB 12 34 56 C", PiiKind.NationalId, "AB 12 34 56 C")]
    [InlineData("NIR 1 84 12 76 451 089 46", PiiKind.NationalId, "1 84 12 76 451 089 46")]
    [InlineData("we met at 221B Baker Street at noon", PiiKind.PostalAddress, "221B Baker Street")]
    [InlineData("1600 Pennsylvania Ave, Washington", PiiKind.PostalAddress, "1600 Pennsylvania Ave")]
    [InlineData("dîner au 12 rue de la Paix, Paris", PiiKind.PostalAddress, "12 rue de la Paix")]
    [InlineData("Treffpunkt Hauptstraße 12 in Bonn", PiiKind.PostalAddress, "Hauptstraße 12")]
    public void Finds_each_kind_where_it_is(string text, PiiKind kind, string expected)
    {
        var findings = PiiScanner.Scan(text);

        findings.ShouldHaveSingleItem().Kind.ShouldBe(kind);
        text.Substring(findings[0].Start, findings[0].Length).ShouldBe(expected);
    }

    [Theory]
    // A wrong check digit is not an IBAN, a card or a NIR.
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("NIR 1 84 12 76 451 089 47")]
    // Numbers that are not identifiers: dates, times, amounts, epoch milliseconds, order ids, versions.
    [InlineData("on 2019-05-03 at 14:05:09 I paid 1,234.56 EUR")]
    [InlineData("timestampMs 1556841600000 and order 12345678")]
    [InlineData("version 10.4.2 of build 20261206")]
    [InlineData("GB 12 34 56 C is not a National Insurance number")]
    [InlineData("an @ alone, or user@localhost, is not an address")]
    [InlineData("")]
    public void Leaves_lookalikes_alone(string text) =>
        PiiScanner.Scan(text).ShouldBeEmpty();

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("912-12-3456")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    public void Numbers_no_social_security_number_can_have_are_not_one(string text) =>
        PiiScanner.Scan(text).ShouldNotContain(finding => finding.Kind == PiiKind.NationalId);

    [Fact]
    public void Findings_are_in_order_and_do_not_overlap()
    {
        const string text = "jane@example.com, +44 20 7946 0958, DE89370400440532013000 and 4111111111111111";

        var findings = PiiScanner.Scan(text);

        findings.Select(f => f.Kind).ShouldBe([PiiKind.Email, PiiKind.Phone, PiiKind.Iban, PiiKind.PaymentCard]);
        findings.Zip(findings.Skip(1)).ShouldAllBe(pair => pair.First.End <= pair.Second.Start);
    }

    [Fact]
    public void A_national_phone_number_of_a_region_not_asked_for_is_not_found() =>
        PiiScanner.Scan("Festnetz 030 22732152", ["US"]).ShouldBeEmpty();

    [Fact]
    public void Masking_replaces_each_identifier_with_its_kind()
    {
        PiiMasker.Mask("Call +44 20 7946 0958 or write to jane@example.com; IBAN DE89 3704 0044 0532 0130 00.")
            .ShouldBe("Call [phone] or write to [email]; IBAN [iban].");
    }

    [Fact]
    public void Masking_text_without_identifiers_returns_it_unchanged()
    {
        const string text = "Walked 4.2 km along the river on 3 May 2019";

        PiiMasker.Mask(text).ShouldBeSameAs(text);
    }
}

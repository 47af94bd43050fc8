namespace Datapunk.Lake.Catalog.Pii;

/// <summary>The kinds of personal identifier <see cref="PiiScanner"/> finds in text (docs/catalog.md, "PII").</summary>
public enum PiiKind
{
    Email,
    Phone,
    Iban,
    PaymentCard,
    NationalId,
    PostalAddress,
}

/// <summary>The names the catalog, the APIs and the masks use for each kind.</summary>
public static class PiiKindNames
{
    public static string Of(PiiKind kind) => kind switch
    {
        PiiKind.Email => "email",
        PiiKind.Phone => "phone",
        PiiKind.Iban => "iban",
        PiiKind.PaymentCard => "card",
        PiiKind.NationalId => "national_id",
        PiiKind.PostalAddress => "postal_address",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a PII kind."),
    };
}

using System.Text.Json.Nodes;
using Datapunk.Lake;

namespace Datapunk.Streams.Tests.Infrastructure;

/// <summary>
/// What the mail providers' tests share to prove a polled message is the record the Takeout mbox import
/// makes of it: a message with an encoded subject, an 8-bit body and an attachment, and the comparison of
/// the user's one stored record with the imported one.
/// </summary>
internal static class PolledMailChecks
{
    // The signature separator "-- " ends in a space, which a source line should not.
    private const string Body = "Déjà vu: the invoice is attached.\r\n\r\n-- \r\nBob";

    /// <summary>A multipart message to <paramref name="to"/> and carol, CRLF line breaks, as a mail API gives it.</summary>
    public static string Invoice(string to) => $"""
        Message-ID: <invoice-77@example.com>
        Date: Tue, 3 Mar 2026 14:05:00 +0100
        From: "Bob, Accounts" <bob@example.com>
        To: {to}, carol@example.com
        Subject: =?UTF-8?Q?Rechnung_M=C3=A4rz?=
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        {Body}
        --b1
        Content-Type: application/pdf; name="invoice.pdf"
        Content-Disposition: attachment; filename="invoice.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQKJcfsj6IK
        --b1--
        """.ReplaceLineEndings("\r\n");

    /// <summary>
    /// The user holds one e-mail record, <paramref name="imported"/>'s: the same identity, title, time and text, and
    /// the same <paramref name="fields"/> of the source. Returns the stored source for the provider's own keys.
    /// </summary>
    public static async Task<JsonObject> ShouldBeTheImportedAsync(string userId, PersonalRecord imported, params string[] fields)
    {
        (await UserRows.IdentitiesAsync(userId, "emails")).ShouldBe([imported.Identity], "a message imported and polled is stored once");
        (await UserRows.ScalarAsync<string>(userId, """
            SELECT title || '|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || '|' || body
            FROM user_data.records WHERE user_id = $1
            """, userId)).ShouldBe($"{imported.Title}|{imported.OccurredAt:yyyy-MM-dd HH:mm}|{imported.Text}");
        var source = JsonNode.Parse(await UserRows.ScalarAsync<string>(userId, "SELECT source::text FROM user_data.records WHERE user_id = $1", userId))!.AsObject();
        foreach (var field in fields)
        {
            JsonNode.DeepEquals(source[field], imported.Source![field]).ShouldBeTrue($"{field}: polled {source[field]?.ToJsonString()}, imported {imported.Source[field]?.ToJsonString()}");
        }

        source.ShouldNotContainKey("byteOffset", "there is no mbox to point into");
        return source;
    }
}

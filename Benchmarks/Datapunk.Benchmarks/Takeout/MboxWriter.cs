using System.Text;

namespace Datapunk.Benchmarks.Takeout;

/// <summary>Gmail's mbox: envelope lines, Gmail's label and thread headers, plain-text bodies of a few hundred bytes.</summary>
internal static class MboxWriter
{
    public static readonly DateTime Start = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Write(Stream output, long messages)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        for (var i = 0L; i < messages; i++)
        {
            var time = Start.AddMinutes(i * 37);
            writer.WriteLine($"From {1_600_000_000_000_000_000 + i}@xxx {time.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture)}");
            writer.WriteLine($"X-GM-THRID: {1_600_000_000_000_000_000 + (i / 3)}");
            writer.WriteLine(i % 4 == 0 ? "X-Gmail-Labels: Inbox,Important,Opened" : "X-Gmail-Labels: Archived,Opened");
            writer.WriteLine($"Message-ID: <synthetic-{i}@mail.example.com>");
            writer.WriteLine($"Date: {time.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}");
            writer.WriteLine($"From: Sender {i % 211} <sender{i % 211}@example.com>");
            writer.WriteLine("To: Me <me@example.com>");
            writer.WriteLine($"Subject: Synthetic message {i} about {(i % 2 == 0 ? "the trip" : "the invoice")}");
            writer.WriteLine("MIME-Version: 1.0");
            writer.WriteLine("Content-Type: text/plain; charset=\"UTF-8\"");
            writer.WriteLine();
            writer.WriteLine($"Hello, this is message {i}. It says what e-mails say: dates, plans, a link to https://example.com/{i}.");
            writer.WriteLine("Regards,");
            writer.WriteLine($"Sender {i % 211}");
            writer.WriteLine();
        }
    }
}

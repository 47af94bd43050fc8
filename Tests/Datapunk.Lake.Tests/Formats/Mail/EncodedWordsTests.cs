using MimeKit.Utils;

namespace Datapunk.Lake.Tests.Formats.Mail;

/// <summary>The encoded words mail headers carry, as MimeKit decodes them for the mail reader.</summary>
public sealed class EncodedWordsTests
{
    [Theory]
    [InlineData("=?ISO-8859-1?Q?Gr=FC=DFe_aus_M=FCnchen?=", "Grüße aus München")]
    [InlineData("Re: =?utf-8?b?w5xiZXJuYWNodHVuZw==?= ok", "Re: Übernachtung ok")]
    [InlineData("=?utf-8?q?a?= =?utf-8?q?b?=\r\n =?utf-8?q?c?=", "abc")]
    [InlineData("=?UTF-8*de?Q?Stra=C3=9Fe?=", "Straße")]
    [InlineData("=?windows-1252?Q?=80_5?=", "€ 5")]
    [InlineData("plain =?bogus?Q?x=41?= text", "plain xA text")]
    [InlineData("no words here", "no words here")]
    public void Decodes_encoded_words(string input, string expected)
    {
        Decode(input).ShouldBe(expected);
    }

    [Fact]
    public void Joins_a_character_split_across_two_b_words_before_decoding()
    {
        // "für" with the two bytes of 'ü' in different words.
        var bytes = Encoding.UTF8.GetBytes("für");
        var word1 = Convert.ToBase64String(bytes[..2]);
        var word2 = Convert.ToBase64String(bytes[2..]);

        Decode($"=?UTF-8?B?{word1}?= =?UTF-8?B?{word2}?=").ShouldBe("für");
    }

    // The mail reader registers the code pages before MimeKit decodes a header; this test calls MimeKit directly.
    static EncodedWordsTests() => CodePages.EnsureRegistered();

    private static string Decode(string text) => MimeKit.Header.Unfold(Rfc2047.DecodeText(Encoding.UTF8.GetBytes(text)));
}

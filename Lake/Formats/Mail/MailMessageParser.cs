using System.Text;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// A streaming MIME parser for one message, fed line by line. It keeps the top-level headers, the
/// text of inline text/plain and text/html parts (each up to a limit) and, for everything else, only
/// a running decoded size: a 50 MB attachment passes through in line-sized pieces. Nested multiparts
/// are tracked as a stack of boundaries; a boundary of an outer level also closes the inner ones,
/// which is how broken mailers that never close an inner multipart are survived.
/// One instance is reused for every message of an mbox.
/// </summary>
public sealed class MailMessageParser
{
    public const int MaxTextChars = 64 * 1024;
    private const int MaxHeaderBytes = 256 * 1024;
    private const int MaxPartHeaderBytes = 64 * 1024;
    private const int MaxPlainBytesPerPart = 256 * 1024;
    private const int MaxHtmlBytesPerPart = 1024 * 1024;
    private const int MaxHtmlChars = 1024 * 1024;
    private const int MaxDepth = 32;
    private const int MaxAttachments = 500;

    private readonly MailHeaderBlock _headers = new(MaxHeaderBytes);
    private readonly MailHeaderBlock _partHeaders = new(MaxPartHeaderBytes);
    private readonly BoundedBuffer _plainPart = new(MaxPlainBytesPerPart);
    private readonly BoundedBuffer _htmlPart = new(MaxHtmlBytesPerPart);
    private readonly List<byte[]> _boundaries = [];
    private readonly StringBuilder _plain = new();
    private readonly StringBuilder _html = new();
    private readonly List<MailAttachment> _attachments = [];
    private readonly List<string> _problems = [];
    private List<MailHeaderField> _topHeaders = [];
    private ParserState _state;
    private bool _textTruncated;
    private int _attachmentsOmitted;

    private MailPartKind _leafKind;
    private ITransferDecoder _decoder = new IdentityDecoder();
    private string? _leafCharset;
    private string? _leafName;
    private string _leafType = "";

    private enum ParserState
    {
        TopHeaders,
        PartHeaders,
        Leaf,
        Skip,
    }

    public void Begin()
    {
        _headers.Clear();
        _partHeaders.Clear();
        _boundaries.Clear();
        _plain.Clear();
        _html.Clear();
        _attachments.Clear();
        _problems.Clear();
        _topHeaders = [];
        _state = ParserState.TopHeaders;
        _textTruncated = false;
        _attachmentsOmitted = 0;
    }

    /// <summary>Feeds one line or piece of a long line (without its terminator).</summary>
    public void Add(ReadOnlySpan<byte> piece, bool isLineStart, bool isLineEnd, int terminatorLength)
    {
        var wholeLine = isLineStart && isLineEnd;
        switch (_state)
        {
            case ParserState.TopHeaders or ParserState.PartHeaders:
                var top = _state == ParserState.TopHeaders;
                if (wholeLine && piece.Trim(" \t"u8).IsEmpty)
                {
                    EndHeaders(top);
                }
                else if (!top && wholeLine && TryBoundary(piece))
                {
                    return;
                }
                else
                {
                    (top ? _headers : _partHeaders).Append(piece, isLineEnd);
                }

                break;
            case ParserState.Leaf:
                if (!(wholeLine && TryBoundary(piece)))
                {
                    _decoder.Decode(piece, isLineEnd, terminatorLength, _leafKind switch
                    {
                        MailPartKind.PlainText => _plainPart,
                        MailPartKind.Html => _htmlPart,
                        _ => null,
                    });
                }

                break;
            default:
                if (wholeLine)
                {
                    TryBoundary(piece);
                }

                break;
        }
    }

    /// <summary>Ends the message (at the next envelope line or the end of the file) and returns what it held.</summary>
    public ParsedMail End()
    {
        switch (_state)
        {
            case ParserState.TopHeaders:
                _problems.Add("it ends inside its headers (truncated?)");
                EndHeaders(top: true);
                break;
            case ParserState.PartHeaders:
                EndHeaders(top: false);
                break;
        }

        CloseLeaf();
        if (_boundaries.Count > 0)
        {
            _problems.Add("it ends before its closing MIME boundary (truncated?)");
        }

        return new ParsedMail(
            _topHeaders, _plain.ToString(), _html.ToString(), _textTruncated, [.. _attachments], _attachmentsOmitted, [.. _problems]);
    }

    private void EndHeaders(bool top)
    {
        var block = top ? _headers : _partHeaders;
        var fields = block.Parse();
        if (block.Truncated)
        {
            _problems.Add($"its {(top ? "" : "part ")}headers are longer than the limit and were cut");
        }

        block.Clear();
        if (top)
        {
            _topHeaders = fields;
        }

        string? Field(string name) => fields.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

        var contentType = MimeHeaderValue.Parse(Field("Content-Type"));
        if (contentType.Value.StartsWith("multipart/", StringComparison.Ordinal))
        {
            var boundary = contentType["boundary"];
            if (string.IsNullOrEmpty(boundary))
            {
                _problems.Add("a multipart part has no boundary; its content is skipped");
            }
            else if (_boundaries.Count >= MaxDepth)
            {
                _problems.Add($"multiparts nest deeper than {MaxDepth} levels; the deepest are skipped");
            }
            else
            {
                _boundaries.Add(Encoding.UTF8.GetBytes("--" + boundary));
            }

            _state = ParserState.Skip;
            return;
        }

        StartLeaf(contentType, Field("Content-Transfer-Encoding"), MimeHeaderValue.Parse(Field("Content-Disposition")));
    }

    private void StartLeaf(MimeHeaderValue contentType, string? transferEncoding, MimeHeaderValue disposition)
    {
        _leafType = contentType.Value.Length > 0 ? contentType.Value : "text/plain";
        var name = disposition["filename"] ?? contentType["name"];
        _leafName = string.IsNullOrWhiteSpace(name) ? null : EncodedWords.Decode(name).Trim();
        _leafCharset = contentType["charset"];
        var attachment = disposition.Value == "attachment" || _leafName is not null || _leafType is not "text/plain" and not "text/html";
        _leafKind = attachment ? MailPartKind.Attachment : _leafType == "text/plain" ? MailPartKind.PlainText : MailPartKind.Html;
        _decoder = transferEncoding?.Trim().ToLowerInvariant() switch
        {
            "base64" => new Base64Decoder(),
            "quoted-printable" => new QuotedPrintableDecoder(),
            _ => new IdentityDecoder(),
        };
        _plainPart.Clear();
        _htmlPart.Clear();
        _state = ParserState.Leaf;
    }

    private void CloseLeaf()
    {
        if (_state != ParserState.Leaf)
        {
            return;
        }

        switch (_leafKind)
        {
            case MailPartKind.PlainText:
                Append(_plain, Charsets.Decode(_plainPart.Span, _leafCharset, _plainPart.Truncated), MaxTextChars, _plainPart.Truncated);
                break;
            case MailPartKind.Html:
                Append(_html, Charsets.Decode(_htmlPart.Span, _leafCharset, _htmlPart.Truncated), MaxHtmlChars, _htmlPart.Truncated);
                break;
            default:
                if (_attachments.Count < MaxAttachments)
                {
                    _attachments.Add(new MailAttachment(_leafName, _leafType, _decoder.DecodedBytes));
                }
                else
                {
                    _attachmentsOmitted++;
                }

                break;
        }

        _state = ParserState.Skip;
    }

    private void Append(StringBuilder text, string part, int limit, bool cut)
    {
        if (text.Length > 0 && part.Length > 0)
        {
            text.Append('\n');
        }

        var room = limit - text.Length;
        if (part.Length > room || cut)
        {
            _textTruncated = true;
        }

        text.Append(HtmlText.Truncate(part, Math.Max(0, room)));
    }

    /// <summary>Handles a boundary line of any open multipart; false when the line is content.</summary>
    private bool TryBoundary(ReadOnlySpan<byte> line)
    {
        if (_boundaries.Count == 0 || !line.StartsWith("--"u8))
        {
            return false;
        }

        for (var level = _boundaries.Count - 1; level >= 0; level--)
        {
            var boundary = _boundaries[level];
            if (!line.StartsWith(boundary))
            {
                continue;
            }

            var rest = line[boundary.Length..];
            var closing = rest.StartsWith("--"u8);
            if (!(closing ? rest[2..] : rest).Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (_state == ParserState.PartHeaders)
            {
                EndHeaders(top: false);
            }

            CloseLeaf();
            _boundaries.RemoveRange(level + 1, _boundaries.Count - level - 1);
            if (closing)
            {
                _boundaries.RemoveAt(level);
                _state = ParserState.Skip;
            }
            else
            {
                _state = ParserState.PartHeaders;
                _partHeaders.Clear();
            }

            return true;
        }

        return false;
    }
}

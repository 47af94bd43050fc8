using Datapunk.Lake.Formats.TextCodecs;
using MimeKit;
using MimeKit.Encodings;
using System.Text;
using MimeKit.Utils;

namespace Datapunk.Lake.Formats.Mail;

/// <summary>
/// Reads one message with MimeKit's <see cref="MimeReader"/>, which reports the MIME structure as
/// events and never builds a body: the top-level headers are kept, inline text/plain and text/html
/// parts are decoded up to a limit, and every other part is only measured as its content goes by
/// in MimeKit's read buffer, so a 50 MB attachment costs no more memory than a small one. A
/// message/rfc822 part is one attachment; its inside is not looked at. One instance is reused for
/// every message of an mbox.
/// </summary>
public sealed class MailMessageReader() : MimeReader(Stream.Null, MimeFormat.Entity)
{
    public const int MaxTextChars = 64 * 1024;
    private const int MaxPlainBytesPerPart = 256 * 1024;
    private const int MaxHtmlBytesPerPart = 1024 * 1024;
    private const int MaxHtmlChars = 1024 * 1024;
    private const int MaxAttachments = 500;

    private readonly BoundedBuffer _plainPart = new(MaxPlainBytesPerPart);
    private readonly BoundedBuffer _htmlPart = new(MaxHtmlBytesPerPart);
    private readonly StringBuilder _plain = new();
    private readonly StringBuilder _html = new();
    private readonly List<MailAttachment> _attachments = [];
    private readonly List<string> _problems = [];

    // Headers' encoded words are decoded by MimeKit with whatever code pages are registered by then.
    static MailMessageReader() => CodePages.EnsureRegistered();
    private readonly Stack<bool> _multipartsClosed = new();
    private HeaderList? _topHeaders;
    private HeaderList _entityHeaders = [];
    private bool _topSeparatorSeen;
    private bool _textTruncated;
    private int _attachmentsOmitted;
    private int _messagePartDepth;
    private long _embeddedMessageStart;
    private byte[] _decoded = new byte[8 * 1024];

    private MailPartKind _leafKind;
    private IMimeDecoder _decoder = new PassThroughDecoder(ContentEncoding.Default);
    private ContentEncoding _leafEncoding;
    private string? _leafCharset;
    private string? _leafName;
    private string _leafType = "";
    private long _leafRawBytes;
    private long _leafSize;

    /// <summary>Reads the message the stream holds; null when it has no header fields.</summary>
    public async Task<ParsedMail?> ReadAsync(Stream message, CancellationToken cancellationToken)
    {
        Reset();
        SetStream(message, MimeFormat.Entity);
        try
        {
            await ReadMessageAsync(cancellationToken);
        }
        catch (FormatException)
        {
            // MimeKit gives up on a message whose first line is no header field, or on an empty one.
            return null;
        }

        if (_topHeaders is not { Count: > 0 } headers)
        {
            return null;
        }

        return new ParsedMail(headers, _plain.ToString(), _html.ToString(), _textTruncated, [.. _attachments], _attachmentsOmitted, [.. _problems]);
    }

    protected override void OnHeadersBegin(long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
    {
        if (_messagePartDepth == 0)
        {
            _entityHeaders = [];
            _topHeaders ??= _entityHeaders;
        }
    }

    protected override void OnHeaderRead(Header header, int beginLineNumber, CancellationToken cancellationToken)
    {
        if (_messagePartDepth == 0)
        {
            _entityHeaders.Add(header);
        }
    }

    protected override void OnBodySeparator(long beginOffset, int lineNumber, long endOffset, CancellationToken cancellationToken) =>
        _topSeparatorSeen |= _entityHeaders == _topHeaders;

    protected override void OnHeadersEnd(long beginOffset, int beginLineNumber, long endOffset, int endLineNumber, CancellationToken cancellationToken)
    {
        if (_entityHeaders == _topHeaders && !_topSeparatorSeen && _messagePartDepth == 0)
        {
            _problems.Add("it ends inside its headers (truncated?)");
        }
    }

    protected override void OnMultipartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
    {
        if (_messagePartDepth > 0)
        {
            return;
        }

        if (string.IsNullOrEmpty(contentType.Boundary))
        {
            _problems.Add("a multipart part has no boundary; its content is skipped");
        }

        _multipartsClosed.Push(string.IsNullOrEmpty(contentType.Boundary));
    }

    protected override void OnMultipartEndBoundaryBegin(long beginOffset, int lineNumber, CancellationToken cancellationToken)
    {
        if (_messagePartDepth == 0 && _multipartsClosed.TryPop(out _))
        {
            _multipartsClosed.Push(true);
        }
    }

    protected override void OnMultipartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken)
    {
        // An outer boundary also ends the inner multiparts (broken mailers never close them); only
        // the outermost one left open means the message was cut.
        if (_messagePartDepth == 0 && _multipartsClosed.TryPop(out var closed) && !closed && _multipartsClosed.Count == 0)
        {
            _problems.Add("it ends before its closing MIME boundary (truncated?)");
        }
    }

    protected override void OnMessagePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
    {
        if (_messagePartDepth++ == 0)
        {
            StartLeaf(contentType);
        }
    }

    protected override void OnMimeMessageBegin(long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
    {
        if (_messagePartDepth == 1)
        {
            _embeddedMessageStart = beginOffset;
        }
    }

    protected override void OnMessagePartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken)
    {
        if (--_messagePartDepth == 0)
        {
            _leafSize = endOffset - _embeddedMessageStart;
            CloseLeaf();
        }
    }

    protected override void OnMimePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
    {
        if (_messagePartDepth == 0)
        {
            StartLeaf(contentType);
        }
    }

    protected override void OnMimePartContentRead(byte[] buffer, int startIndex, int count, CancellationToken cancellationToken)
    {
        if (_messagePartDepth > 0)
        {
            return;
        }

        var room = _decoder.EstimateOutputLength(count);
        if (_decoded.Length < room)
        {
            _decoded = new byte[room];
        }

        var decoded = _decoder.Decode(buffer, startIndex, count, _decoded);
        _leafRawBytes += count;
        _leafSize += decoded;
        switch (_leafKind)
        {
            case MailPartKind.PlainText:
                _plainPart.Append(_decoded.AsSpan(0, decoded));
                break;
            case MailPartKind.Html:
                _htmlPart.Append(_decoded.AsSpan(0, decoded));
                break;
        }
    }

    protected override void OnMimePartContentEnd(long beginOffset, int beginLineNumber, long endOffset, int lines, NewLineFormat? newLineFormat, CancellationToken cancellationToken)
    {
        // MimeKit hands over the line break before the next boundary too, though it belongs to the
        // boundary; in quoted-printable and unencoded content it would count as a byte of the body.
        var boundaryBreak = _leafRawBytes - (endOffset - beginOffset);
        if (_messagePartDepth == 0 && boundaryBreak > 0 && _leafEncoding is not ContentEncoding.Base64 and not ContentEncoding.UUEncode)
        {
            _leafSize -= boundaryBreak;
            RemoveBoundaryBreak(_leafKind == MailPartKind.PlainText ? _plainPart : _htmlPart, boundaryBreak);
        }
    }

    protected override void OnMimePartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken)
    {
        if (_messagePartDepth == 0)
        {
            CloseLeaf();
        }
    }

    private static void RemoveBoundaryBreak(BoundedBuffer text, long bytes)
    {
        for (var i = 0; i < bytes && text.Length > 0 && !text.Truncated && text.Span[^1] is (byte)'\n' or (byte)'\r'; i++)
        {
            text.RemoveLast();
        }
    }

    private void Reset()
    {
        _plain.Clear();
        _html.Clear();
        _attachments.Clear();
        _problems.Clear();
        _multipartsClosed.Clear();
        _topHeaders = null;
        _entityHeaders = [];
        _topSeparatorSeen = false;
        _textTruncated = false;
        _attachmentsOmitted = 0;
        _messagePartDepth = 0;
    }

    private void StartLeaf(ContentType contentType)
    {
        _leafType = contentType.MimeType.ToLowerInvariant();
        ContentDisposition? disposition = null;
        if (_entityHeaders.FirstOrDefault(h => h.Id == HeaderId.ContentDisposition) is { } field)
        {
            ContentDisposition.TryParse(ParserOptions.Default, field.RawValue, out disposition);
        }

        var name = disposition?.FileName ?? contentType.Name;
        _leafName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        _leafCharset = contentType.Charset;
        var attachment = disposition?.Disposition.Equals("attachment", StringComparison.OrdinalIgnoreCase) == true
            || _leafName is not null || _leafType is not "text/plain" and not "text/html";
        _leafKind = attachment ? MailPartKind.Attachment : _leafType == "text/plain" ? MailPartKind.PlainText : MailPartKind.Html;
        _leafEncoding = MimeUtils.TryParse(_entityHeaders[HeaderId.ContentTransferEncoding], out ContentEncoding encoding) ? encoding : ContentEncoding.Default;
        _decoder = _leafEncoding switch
        {
            ContentEncoding.Base64 => new Base64Decoder(),
            ContentEncoding.QuotedPrintable => new MimeKit.Encodings.QuotedPrintableDecoder(),
            ContentEncoding.UUEncode => new UUDecoder(),
            _ => new PassThroughDecoder(_leafEncoding),
        };
        _leafRawBytes = 0;
        _leafSize = 0;
        _plainPart.Clear();
        _htmlPart.Clear();
    }

    private void CloseLeaf()
    {
        switch (_leafKind)
        {
            case MailPartKind.PlainText:
                Append(_plain, Text(_plainPart), MaxTextChars, _plainPart.Truncated);
                break;
            case MailPartKind.Html:
                Append(_html, Text(_htmlPart), MaxHtmlChars, _htmlPart.Truncated);
                break;
            default:
                if (_attachments.Count < MaxAttachments)
                {
                    _attachments.Add(new MailAttachment(_leafName, _leafType, _leafSize));
                }
                else
                {
                    _attachmentsOmitted++;
                }

                break;
        }
    }

    private string Text(BoundedBuffer part) => Charsets.Decode(part.Span, _leafCharset, part.Truncated).Replace("\r\n", "\n", StringComparison.Ordinal);

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
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Datapunk.Lake.Storage;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (the "Binary Format" section of the COPY
/// reference: a signature, then per row a field count and each field as a big-endian length and
/// its bytes) onto Npgsql's raw binary COPY stream. Npgsql's row importer resolves a converter and
/// awaits a task for every value, which measured a quarter of the silo's CPU during an import; this
/// writes the few types staging uses straight into one buffer.
/// </summary>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    // "PGCOPY\n\377\r\n\0": not a UTF-8 literal, 0xFF is one byte.
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    // timestamptz is microseconds since 2000-01-01 UTC.
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _length;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream) => _stream = stream;

    /// <summary>Starts <paramref name="copyCommand"/> (a <c>COPY … FROM STDIN (FORMAT BINARY)</c>) and writes the header.</summary>
    public static async Task<BinaryCopyWriter> StartAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken)
    {
        var writer = new BinaryCopyWriter(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken));
        writer.Reserve(Signature.Length + 8);
        Signature.CopyTo(writer._buffer, writer._length);
        writer._length += Signature.Length;
        writer.PutInt32(0); // flags
        writer.PutInt32(0); // header extension length
        return writer;
    }

    /// <summary>Begins a row of <paramref name="fields"/> fields, sending the buffer first when it is full enough.</summary>
    public async ValueTask StartRowAsync(short fields, CancellationToken cancellationToken)
    {
        if (_length >= BufferSize - 1024)
        {
            await FlushAsync(cancellationToken);
        }

        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), fields);
        _length += 2;
    }

    public void WriteInt16(short value)
    {
        Reserve(6);
        PutInt32(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    public void WriteInt32(int value)
    {
        Reserve(8);
        PutInt32(4);
        PutInt32(value);
    }

    public void WriteInt64(long value)
    {
        Reserve(12);
        PutInt32(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Writes a value already in its type's binary form (a PostGIS geography as extended WKB, …).</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        Reserve(4 + value.Length);
        PutInt32(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void WriteInt32(int? value)
    {
        if (value is { } present)
        {
            WriteInt32(present);
        }
        else
        {
            WriteNull();
        }
    }

    /// <summary>Writes a timestamptz; the value must be UTC, as Npgsql itself requires.</summary>
    public void WriteTimestamp(DateTime value)
    {
        if (value.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"A timestamptz must be UTC; got a DateTime of kind {value.Kind}.", nameof(value));
        }

        Reserve(12);
        PutInt32(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), (value.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
        _length += 8;
    }

    public void WriteTimestamp(DateTime? value)
    {
        if (value is { } present)
        {
            WriteTimestamp(present);
        }
        else
        {
            WriteNull();
        }
    }

    public void WriteText(string? value) => WriteString(value, jsonbVersion: false);

    /// <summary>Writes JSON text as jsonb (whose binary form is a version byte and the text).</summary>
    public void WriteJsonb(string? value) => WriteString(value, jsonbVersion: true);

    /// <summary>Writes UTF-8 JSON as jsonb, without a detour through a string.</summary>
    public void WriteJsonb(ReadOnlySpan<byte> utf8Json)
    {
        Reserve(5 + utf8Json.Length);
        PutInt32(1 + utf8Json.Length);
        _buffer[_length++] = 1;
        utf8Json.CopyTo(_buffer.AsSpan(_length));
        _length += utf8Json.Length;
    }

    public void WriteNull()
    {
        Reserve(4);
        PutInt32(-1);
    }

    /// <summary>Writes the trailer and ends the COPY; the rows are in the table once this returns.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        await FlushAsync(cancellationToken);
        _completed = true;
        await _stream.DisposeAsync();
    }

    /// <summary>Without <see cref="CompleteAsync"/> first, cancels the COPY: a half-written chunk never lands.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            try
            {
                await _stream.CancelAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or ObjectDisposedException)
            {
                // The connection is already broken; the caller reports what broke it.
            }

            await _stream.DisposeAsync();
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void WriteString(string? value, bool jsonbVersion)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        var prefix = jsonbVersion ? 1 : 0;
        var byteCount = value.Length <= 1024 ? Encoding.UTF8.GetMaxByteCount(value.Length) : Encoding.UTF8.GetByteCount(value);
        Reserve(4 + prefix + byteCount);
        var start = _length;
        _length += 4;
        if (jsonbVersion)
        {
            _buffer[_length++] = 1;
        }

        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        _length += written;
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start), prefix + written);
    }

    private void PutInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    /// <summary>Makes room for <paramref name="bytes"/> more; a value larger than the buffer grows it (a long e-mail body).</summary>
    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
    }
}

using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// A response body that holds what is written (up to <see cref="MaxBufferedBytes"/>) and sends it in one write with a
/// <c>Content-Length</c> when <see cref="CompleteAsync"/> is called: the headers and the answer then leave in one
/// segment. Written straight through, an answer went out chunked, its last chunk (<c>0\r\n\r\n</c>) as a second send
/// for every request. An answer larger than the limit is streamed (chunked) from the point it outgrew it.
/// </summary>
public sealed class SizedResponseBody(HttpResponse response) : Stream
{
    /// <summary>Largest answer held to be sent with its length; larger ones are streamed.</summary>
    public const int MaxBufferedBytes = 256 * 1024;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;
    private bool _streaming;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> span)
    {
        // Rare: the synchronous path (the serializer writes asynchronously).
        if (!_streaming && Hold(span)) return;
        if (!_streaming)
        {
            _streaming = true;
            response.Body.Write(_buffer.AsSpan(0, _length));
            Release();
        }
        response.Body.Write(span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> memory, CancellationToken cancellationToken = default)
    {
        if (!_streaming && Hold(memory.Span)) return;
        if (!_streaming)
        {
            // Outgrew the limit: what is held goes first, then everything streams.
            _streaming = true;
            await response.Body.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
            Release();
        }
        await response.Body.WriteAsync(memory, cancellationToken);
    }

    /// <summary>Holds <paramref name="span"/> if the answer stays within the limit.</summary>
    private bool Hold(ReadOnlySpan<byte> span)
    {
        var needed = _length + span.Length;
        if (_buffer is null || needed > MaxBufferedBytes) return false;
        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(MaxBufferedBytes, Math.Max(needed, _buffer.Length * 2)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        span.CopyTo(_buffer.AsSpan(_length));
        _length = needed;
        return true;
    }

    /// <summary>Held answers are sent at the end; a flush before that changes nothing.</summary>
    public override void Flush()
    {
        if (_streaming) response.Body.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _streaming ? response.Body.FlushAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Sends a held answer with its length (in one write), or ends a streamed one.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_streaming || _buffer is null) return;
        response.ContentLength = _length;
        await response.Body.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        Release();
    }

    private void Release()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _length = 0;
    }

    protected override void Dispose(bool disposing)
    {
        Release();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Release();
        return base.DisposeAsync();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

using Microsoft.AspNetCore.Http;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>
/// <see cref="SizedResponseBody"/> sends an answer with its length in one write (one segment with the headers, where a
/// chunked answer took a second send for its last chunk), and streams an answer too large to hold, unchanged.
/// </summary>
public sealed class SizedResponseBodyTests
{
    /// <summary>The response's body, counting the writes that reach it.</summary>
    private sealed class CountingBody : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    private static (HttpResponse Response, CountingBody Body) Response()
    {
        var context = new DefaultHttpContext();
        var body = new CountingBody();
        context.Response.Body = body;
        return (context.Response, body);
    }

    private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + seed)).ToArray();

    [Fact]
    public async Task An_answer_written_in_pieces_goes_out_in_one_write_with_its_length()
    {
        var (response, body) = Response();
        var pieces = Enumerable.Range(0, 40).Select(i => Bytes(1000, i)).ToList(); // grows past the first rented buffer

        await using (var sized = new SizedResponseBody(response))
        {
            foreach (var piece in pieces)
            {
                await sized.WriteAsync(piece);
                await sized.FlushAsync();
            }
            Assert.Equal(0, body.Writes); // nothing leaves before the end
            await sized.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(1, body.Writes);
        Assert.Equal(40_000, response.ContentLength);
        Assert.Equal(pieces.SelectMany(p => p), body.ToArray());
    }

    [Fact]
    public async Task An_answer_too_large_to_hold_is_streamed_unchanged_without_a_length()
    {
        var (response, body) = Response();
        var pieces = Enumerable.Range(0, 30).Select(i => Bytes(16 * 1024, i)).ToList(); // 480 KB

        await using (var sized = new SizedResponseBody(response))
        {
            foreach (var piece in pieces) await sized.WriteAsync(piece);
            await sized.CompleteAsync(CancellationToken.None);
        }

        Assert.Null(response.ContentLength);
        Assert.True(body.Writes > 1);
        Assert.Equal(pieces.SelectMany(p => p), body.ToArray());
    }

    [Fact]
    public async Task Synchronous_writes_keep_the_order_when_the_answer_outgrows_the_limit()
    {
        var (response, body) = Response();
        var first = Bytes(200 * 1024, 1);
        var second = Bytes(100 * 1024, 2);

        await using (var sized = new SizedResponseBody(response))
        {
            sized.Write(first);
            sized.Write(second);
            await sized.CompleteAsync(CancellationToken.None);
        }

        Assert.Null(response.ContentLength);
        Assert.Equal(first.Concat(second), body.ToArray());
    }

    [Fact]
    public async Task An_empty_answer_has_length_zero()
    {
        var (response, body) = Response();
        await using (var sized = new SizedResponseBody(response))
            await sized.CompleteAsync(CancellationToken.None);

        Assert.Equal(0, response.ContentLength);
        Assert.Empty(body.ToArray());
    }
}

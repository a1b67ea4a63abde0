using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PK.Bot.Tests.Support;

/// <summary>
/// A TCP proxy on a free loopback port in front of a server the test does not own, so the test can take the
/// server "down", cut connections mid-statement, or swallow the reply to a COMMIT the server has carried out.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT\0");
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<Link> links = [];
    private long cutAfterBytes = -1;
    private int dropNextCommitReply;

    public TcpProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>While down, every connection is reset at once, as if the server were not there.</summary>
    public bool Down { get; set; }

    public int CommitRepliesDropped { get; private set; }
    public int Cuts { get; private set; }

    /// <summary>Resets every open connection now.</summary>
    public void CutAll()
    {
        lock (gate) foreach (var link in links.ToList()) link.Abort();
    }

    /// <summary>The next connection to send more than <paramref name="bytes"/> bytes to the server is reset mid-stream (once).</summary>
    public void CutAfterClientBytes(long bytes) => Interlocked.Exchange(ref cutAfterBytes, bytes);

    /// <summary>The next COMMIT goes through to the server, but its reply is swallowed and the connection reset (once).</summary>
    public void DropNextCommitReply() => Interlocked.Exchange(ref dropNextCommitReply, 1);

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stopping.Token); }
            catch (Exception) { return; }
            if (Down)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try { await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token); }
        catch (Exception) { client.Dispose(); return; }
        var link = new Link(client, server);
        lock (gate) links.Add(link);
        try
        {
            await Task.WhenAny(PumpToServerAsync(link), PumpToClientAsync(link));
        }
        finally
        {
            link.Abort();
            lock (gate) links.Remove(link);
        }
    }

    private async Task PumpToServerAsync(Link link)
    {
        var buffer = new byte[64 * 1024];
        var sent = 0L;
        var from = link.Client.GetStream();
        var to = link.Server.GetStream();
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
            {
                var limit = Interlocked.Read(ref cutAfterBytes);
                if (limit >= 0 && sent + read > limit && Interlocked.CompareExchange(ref cutAfterBytes, -1, limit) == limit)
                {
                    await to.WriteAsync(buffer.AsMemory(0, (int)Math.Max(0, limit - sent)), stopping.Token);
                    Cuts++;
                    link.Abort();
                    return;
                }
                if (buffer.AsSpan(0, read).IndexOf(Commit) >= 0 && Interlocked.Exchange(ref dropNextCommitReply, 0) == 1)
                    link.SwallowReply = true;
                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
                sent += read;
            }
        }
        catch (Exception) { }
    }

    private async Task PumpToClientAsync(Link link)
    {
        var buffer = new byte[64 * 1024];
        var from = link.Server.GetStream();
        var to = link.Client.GetStream();
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
            {
                if (link.SwallowReply)
                {
                    // The server has answered the COMMIT, so it is durable; the client never hears of it.
                    CommitRepliesDropped++;
                    link.Abort();
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
        catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        CutAll();
        stopping.Dispose();
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public TcpClient Client { get; } = client;
        public TcpClient Server { get; } = server;
        public volatile bool SwallowReply;

        public void Abort()
        {
            foreach (var c in new[] { Client, Server })
            {
                try { c.Client.LingerState = new LingerOption(true, 0); c.Dispose(); }
                catch (Exception) { }
            }
        }
    }
}

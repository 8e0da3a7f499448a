using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Complaints.Models.Tests;

/// <summary>
/// A real SMTP server on a free loopback port that keeps every message it receives, or, given a <c>reply</c>, answers every
/// message with it (e.g. 451, a transient failure) and counts the attempts.
/// </summary>
public sealed class LoopbackSmtp : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public int Attempts => _store.Attempts;

    private readonly Store _store;

    public LoopbackSmtp(SmtpResponse? reply = null)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        _store = new Store(Received, reply);
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _running.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received, SmtpResponse? reply) : MessageStore
    {
        private int _attempts;

        public int Attempts => _attempts;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (reply is not null)
                return reply;
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

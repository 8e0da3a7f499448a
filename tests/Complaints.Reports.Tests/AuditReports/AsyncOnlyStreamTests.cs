using System.Security.Cryptography;
using Complaints.Reports.AuditReports;
using Complaints.Warehouse;

namespace Complaints.Reports.Tests.AuditReports;

/// <summary>An HTTP response refuses synchronous writes and flushes: both reports must reach it through asynchronous calls only.</summary>
public sealed class AsyncOnlyStreamTests : IAsyncLifetime
{
    private AuditReportsHost _host = null!;

    public async Task InitializeAsync() => _host = await AuditReportsHost.CreateAsync();

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Like Kestrel's response body: synchronous operations are refused.</summary>
    private sealed class ResponseLike : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => base.WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            // MemoryStream's own asynchronous write is a synchronous one underneath: write past the override.
            var position = Position;
            SetLength(Math.Max(Length, position + buffer.Length));
            buffer.Span.CopyTo(GetBuffer().AsSpan((int)position));
            Position = position + buffer.Length;
            return ValueTask.CompletedTask;
        }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
    }

    [Theory]
    [InlineData(AuditReportKind.Register)]
    [InlineData(AuditReportKind.Summary)]
    public async Task A_report_is_written_to_a_response_that_refuses_synchronous_writes(AuditReportKind kind)
    {
        var scope = Complaints.Warehouse.AuditReports.AuditReportScope.Of(new ComplaintFilter(From: new DateOnly(2024, 1, 1), To: new DateOnly(2024, 3, 31)),
            _host.Time.GetUtcNow(), out _)!;
        await using var response = new ResponseLike();

        var issued = await _host.Issuer.IssueAsync(kind, scope, "auditor-1", AuditReportsHost.English, response);

        Assert.Equal(issued.Bytes, response.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(response.ToArray())), issued.FileSha256);
    }
}

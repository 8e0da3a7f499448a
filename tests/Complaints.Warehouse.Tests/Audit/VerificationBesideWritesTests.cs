using Complaints.Testing;
using Complaints.Warehouse.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Warehouse.Tests.Audit;

/// <summary>A verification (an Audit page visit, the nightly job) walks the trail without holding up the writes beside it.</summary>
public sealed class VerificationBesideWritesTests
{
    [Fact]
    public async Task A_write_and_its_checkpoint_complete_while_a_verification_is_still_running()
    {
        using var warehouse = await TempWarehouse.CreateAsync();
        var clock = new PausingClock();
        var file = new AuditCheckpointFile(Path.Combine(warehouse.Directory, "anchors", "audit.checkpoints"));
        var checkpoints = new AuditCheckpoints(warehouse.Database, file, AuditTrail.Key, clock, NullLogger<AuditCheckpoints>.Instance);
        for (var i = 1; i <= 3; i++)
            await AppendAsync(warehouse, $"ingest_runs/{i}");
        Assert.Equal(3, file.Read().Last().Checkpoint!.Seq);

        // The verification stops at its end, after its walk (its clock does not answer), until the test lets it go on.
        var verifying = Task.Factory.StartNew(() =>
        {
            clock.PauseOn = Environment.CurrentManagedThreadId;
            return checkpoints.Verify();
        }, TaskCreationOptions.LongRunning);
        Assert.True(clock.Paused.Wait(TimeSpan.FromSeconds(30)), "the verification never reached its end");

        var write = AppendAsync(warehouse, "ingest_runs/4");
        var finished = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(write, finished);
        Assert.False(verifying.IsCompleted);
        Assert.Equal(4, file.Read().Last().Checkpoint!.Seq); // the write was anchored at once, signed

        clock.Release.Set();
        var verification = await verifying;
        Assert.True(verification.Intact, verification.Summary);
        Assert.Equal(3, verification.HeadSeq); // what its snapshot held
        // The verification does not take anchoring back to its older head.
        Assert.Equal(4, checkpoints.Head()!.Seq);
        Assert.True(checkpoints.Verify().Intact);
        Assert.Equal(4, checkpoints.LastVerification!.HeadSeq);
    }

    private static Task AppendAsync(TempWarehouse warehouse, string subject) => warehouse.Database.WriteAsync(connection =>
        Task.FromResult(AuditLog.Append(connection, TimeProvider.System, "admin", "ingest.run.loaded", subject, null, "{\"rows\":10}")));

    /// <summary>The system clock, except on the thread it is told to pause: there the first reading waits until released.</summary>
    private sealed class PausingClock : TimeProvider
    {
        public int? PauseOn { get; set; }
        public ManualResetEventSlim Paused { get; } = new();
        public ManualResetEventSlim Release { get; } = new();

        public override DateTimeOffset GetUtcNow()
        {
            if (PauseOn == Environment.CurrentManagedThreadId && !Paused.IsSet)
            {
                Paused.Set();
                Release.Wait(TimeSpan.FromSeconds(60));
            }
            return base.GetUtcNow();
        }
    }
}

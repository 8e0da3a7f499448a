using Complaints.Warehouse.Audit;

namespace Complaints.Warehouse.Tests.Audit;

/// <summary>Each way of tampering with the trail in the DuckDB file is detected, and the first entry concerned is named.</summary>
public sealed class TamperingTests
{
    [Fact]
    public async Task An_untouched_trail_verifies_against_its_signed_checkpoints()
    {
        using var trail = await AuditTrail.CreateAsync(6);

        var verification = trail.Verify();

        Assert.True(verification.Intact, verification.Summary);
        Assert.Equal(6, verification.Entries);
        Assert.Equal(6, verification.LastCheckpoint!.Seq);
        Assert.Equal(6, verification.Checkpoints); // one per write that added an entry
        Assert.True(verification.Signed);
        Assert.Equal(0, verification.Unanchored);
        Assert.All(trail.File.Read(), line => Assert.True(line.Checkpoint!.IsSignedWith(AuditTrail.Key)));
    }

    [Fact]
    public async Task An_edited_entry_is_named()
    {
        using var trail = await AuditTrail.CreateAsync(6);
        trail.Sql("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3");

        var problem = trail.Verify().Problem!;

        Assert.Equal(AuditProblemKind.Edited, problem.Kind);
        Assert.Equal(3, problem.Seq);
        Assert.Contains("entry 3 was edited", problem.Text);
    }

    [Fact]
    public async Task A_deleted_entry_is_named()
    {
        using var trail = await AuditTrail.CreateAsync(6);
        trail.Sql("DELETE FROM audit_log WHERE seq = 3");

        var problem = trail.Verify().Problem!;

        Assert.Equal(AuditProblemKind.Removed, problem.Kind);
        Assert.Equal(3, problem.Seq);
        Assert.Contains("entry 3 was removed", problem.Text);
    }

    [Fact]
    public async Task An_inserted_entry_is_named_even_with_a_correct_hash_and_the_later_entries_renumbered()
    {
        using var trail = await AuditTrail.CreateAsync(6);
        var entries = trail.Entries();
        var forged = new AuditEntry(3, entries[1].OccurredAt.AddSeconds(1), "admin", "settings.changed", "Reporting:Currency", null, null, entries[1].Hash, "");
        forged = forged with { Hash = AuditLog.HashOf(forged) };
        trail.Replace([.. entries.Take(2), forged, .. entries.Skip(2).Select(e => e with { Seq = e.Seq + 1 })]);

        var problem = trail.Verify().Problem!;

        Assert.Equal(AuditProblemKind.Inserted, problem.Kind);
        Assert.Equal(3, problem.Seq);
        Assert.Contains("entry 3 was inserted", problem.Text);
    }

    [Fact]
    public async Task Two_swapped_entries_are_named()
    {
        using var trail = await AuditTrail.CreateAsync(6);
        var entries = trail.Entries();
        trail.Replace([.. entries.Take(2), entries[3] with { Seq = 3 }, entries[2] with { Seq = 4 }, .. entries.Skip(4)]);

        var problem = trail.Verify().Problem!;

        Assert.Equal(AuditProblemKind.Reordered, problem.Kind);
        Assert.Equal((3, 4), (problem.Seq, problem.LastSeq));
        Assert.Contains("entries 3 and 4 were swapped", problem.Text);
    }

    [Fact]
    public async Task A_tail_cut_off_after_a_checkpoint_is_told()
    {
        using var trail = await AuditTrail.CreateAsync(6);
        trail.Sql("DELETE FROM audit_log WHERE seq > 4");

        var problem = trail.Verify().Problem!;

        Assert.Equal(AuditProblemKind.TailCut, problem.Kind);
        Assert.Equal((5, 6), (problem.Seq, problem.LastSeq));
        Assert.Contains("the tail was cut off", problem.Text);
        Assert.Null(Complaints.Warehouse.Audit.AuditLog.Verify(trail.Warehouse.Database.OpenConnection())); // the chain alone cannot tell
    }

    [Fact]
    public async Task A_chain_rewritten_from_entry_k_with_every_hash_recomputed_is_caught_by_the_signed_checkpoint()
    {
        using var trail = await AuditTrail.CreateAsync(6);
        var entries = trail.Entries().ToList();
        var prev = entries[1].Hash;
        for (var i = 2; i < entries.Count; i++)
        {
            var rewritten = entries[i] with { PrevHash = prev, Actor = i == 2 ? "someone else" : entries[i].Actor, Hash = "" };
            entries[i] = rewritten with { Hash = AuditLog.HashOf(rewritten) };
            prev = entries[i].Hash;
        }
        trail.Replace(entries);

        var verification = trail.Verify();

        Assert.Equal(AuditProblemKind.Rewritten, verification.Problem!.Kind);
        Assert.Equal(3, verification.Problem.Seq);
        Assert.Contains("entry 3 was changed", verification.Problem.Text);
        Assert.Contains("it still matched at entry 2", verification.Problem.Text);
    }

    [Fact]
    public async Task A_chain_re_hashed_whole_and_a_forged_checkpoint_line_are_both_caught()
    {
        using var trail = await AuditTrail.CreateAsync(3);
        // The intruder also appends a checkpoint of their own to the file, without the key.
        var entries = trail.Entries().Select(e => e with { Actor = "nobody" }).ToList();
        var prev = AuditLog.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i] = entries[i] with { PrevHash = prev, Hash = "" };
            entries[i] = entries[i] with { Hash = AuditLog.HashOf(entries[i]) };
            prev = entries[i].Hash;
        }
        trail.Replace(entries);

        Assert.Equal(AuditProblemKind.Rewritten, trail.Verify().Problem!.Kind);

        trail.File.Append(AuditCheckpoint.Create(3, prev, "00", DateTimeOffset.UtcNow, "write", "a guessed key of 32 characters!!"u8.ToArray()));
        var problem = trail.Verify().Problem!;
        Assert.Equal(AuditProblemKind.BadCheckpoint, problem.Kind);
        Assert.Contains("line 4 of the checkpoint file", problem.Text);
        Assert.Contains("signature does not match", problem.Text);
    }

    [Fact]
    public async Task A_trail_rewritten_behind_the_anchored_head_is_never_anchored_again()
    {
        using var trail = await AuditTrail.CreateAsync(4);
        var entries = trail.Entries().ToList();
        var prev = entries[0].Hash;
        for (var i = 1; i < entries.Count; i++)
        {
            entries[i] = entries[i] with { PrevHash = prev, Subject = i == 1 ? "ingest_runs/99" : entries[i].Subject, Hash = "" };
            entries[i] = entries[i] with { Hash = AuditLog.HashOf(entries[i]) };
            prev = entries[i].Hash;
        }
        trail.Replace(entries);
        var linesBefore = trail.File.Read().Count;

        await trail.AppendAsync("ingest_runs/5"); // a write after the rewrite: a checkpoint now would vouch for it

        Assert.Equal(linesBefore, trail.File.Read().Count);
        Assert.Equal(AuditProblemKind.Rewritten, trail.Checkpoints.LastVerification!.Problem!.Kind);
        Assert.Equal(2, trail.Checkpoints.LastVerification.Problem.Seq);
        Assert.Null(trail.Checkpoints.Checkpoint("schedule", always: true));
    }

    [Fact]
    public async Task A_verifier_without_the_key_checks_the_chain_and_says_the_checkpoints_are_unsigned()
    {
        using var trail = await AuditTrail.CreateAsync(3);

        var withoutKey = trail.Verify(key: null, trail.File);

        Assert.True(withoutKey.Intact);
        Assert.False(withoutKey.Signed);
        Assert.Contains("checkpoints UNSIGNED", withoutKey.Summary);
        Assert.Equal(3, withoutKey.LastCheckpoint!.Seq);
    }

    [Fact]
    public async Task Checkpoints_are_written_after_writes_that_add_entries_and_on_schedule_even_without_new_ones()
    {
        using var trail = await AuditTrail.CreateAsync(2);
        await trail.Warehouse.Database.WriteAsync(_ => Task.FromResult(0)); // a write without audit entries
        Assert.Equal(2, trail.File.Read().Count);

        var scheduled = trail.Checkpoints.Checkpoint("schedule", always: true)!;

        Assert.Equal(3, trail.File.Read().Count);
        Assert.Equal((2L, "schedule"), (scheduled.Seq, scheduled.Reason));
        Assert.Equal(trail.Entries()[1].Hash, scheduled.Hash);
        Assert.True(trail.Verify().Intact);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Complaints.Testing;
using Npgsql;

namespace Complaints.Dashboards.Tests.Scheduling;

/// <summary>
/// Two hosts' schedulers, each its own process built by the host's AddScheduler with Scheduler:Clustered, on one
/// PostgreSQL job store started on loopback; the same scheduled job (every 2 s, 1.8 s of work, so a host is almost always in the middle of it) records each run.
/// </summary>
public sealed class ClusteredSchedulerTests
{
    private static readonly TimeSpan Slot = TimeSpan.FromSeconds(2);

    private sealed record Run(int Id, DateTime Slot, string Node, bool Recovering, bool Finished);

    [Fact]
    public async Task Each_scheduled_firing_runs_exactly_once_and_a_host_killed_mid_job_has_its_firing_finished_by_the_other()
    {
        using var server = PostgresServer.Start();
        await using var database = NpgsqlDataSource.Create(server.ConnectionString());
        await using (var create = database.CreateCommand(
            "CREATE TABLE job_runs (id serial PRIMARY KEY, slot timestamptz NOT NULL, node text NOT NULL, recovering boolean NOT NULL, started timestamptz NOT NULL, finished timestamptz)"))
            await create.ExecuteNonQueryAsync();

        var nodes = await Task.WhenAll(ClusterNode.StartAsync("a", server.ConnectionString()), ClusterNode.StartAsync("b", server.ConnectionString()));
        using var a = nodes[0];
        using var b = nodes[1];
        // Count the slots after both hosts have registered the job (the second registration replaces the trigger).
        var from = DateTime.UtcNow + Slot;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));

        // Both hosts alive: a few slots.
        await WaitUntil(async () => (await Runs(database, from)).Count(r => r.Finished) >= 2, timeout.Token, a, b);

        // Kill the host that is in the middle of the job: one that started it just now, so it cannot finish before the kill.
        var killed = await WaitFor(() => JustStarted(database), timeout.Token, a, b);
        var (victim, survivor) = killed.Node == "a" ? (a, b) : (b, a);
        victim.Kill();
        Assert.False((await Runs(database, from)).Single(r => r.Id == killed.Id).Finished, "the host finished the job before it was killed: the machine is too slow for this test's timing");

        // The survivor notices the missed check-ins and goes on with the schedule; the killed firing of this job, which
        // disallows concurrent runs, it runs again once the dead host has missed two detection cycles (Quartz's grace
        // for a host that might still be alive).
        await WaitUntil(async () => await Runs(database, from) is var runs &&
            runs.Any(r => r.Finished && r.Slot == killed.Slot) && runs.Count(r => r.Finished && r.Slot > killed.Slot) >= 2, timeout.Token, a, b);

        var runs = await Runs(database, from);
        var finished = runs.Where(r => r.Finished).ToList();
        var last = finished.Max(r => r.Slot);
        var slots = Enumerable.Range(0, (int)((last - finished.Min(r => r.Slot)) / Slot) + 1).Select(i => finished.Min(r => r.Slot) + i * Slot).ToList();
        Assert.True(slots.Count >= 5, $"too few slots observed: {slots.Count}");
        foreach (var slot in slots)
            Assert.True(finished.Count(r => r.Slot == slot) == 1,
                $"slot {slot:HH:mm:ss} finished {finished.Count(r => r.Slot == slot)} times; runs: {string.Join(", ", runs.Select(r => $"{r.Slot:HH:mm:ss} {r.Node}{(r.Recovering ? " recovering" : "")}{(r.Finished ? "" : " killed")}"))}");

        var killedRun = Assert.Single(runs, r => !r.Finished && r.Slot <= last);
        Assert.Equal(victim.Name, killedRun.Node);
        var recovery = Assert.Single(finished, r => r.Slot == killed.Slot);
        Assert.Equal(survivor.Name, recovery.Node);
        Assert.True(recovery.Recovering, "the killed firing was run again as a new firing, not as the recovery of the old one");
        Assert.All(finished.Where(r => r.Slot > killed.Slot), r => Assert.Equal(survivor.Name, r.Node));
    }

    private static async Task<List<Run>> Runs(NpgsqlDataSource database, DateTime from)
    {
        await using var command = database.CreateCommand("SELECT id, slot, node, recovering, finished IS NOT NULL FROM job_runs WHERE slot >= $1 ORDER BY slot, id");
        command.Parameters.AddWithValue(from);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<Run>();
        while (await reader.ReadAsync())
            runs.Add(new Run(reader.GetInt32(0), reader.GetDateTime(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4)));
        return runs;
    }

    private static async Task<Run?> JustStarted(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "SELECT id, slot, node, recovering FROM job_runs WHERE finished IS NULL AND clock_timestamp() - started < interval '800 milliseconds' ORDER BY id LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new Run(reader.GetInt32(0), reader.GetDateTime(1), reader.GetString(2), reader.GetBoolean(3), false) : null;
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, CancellationToken cancellationToken, params ClusterNode[] nodes) =>
        await WaitFor(async () => await condition() ? "" : null, cancellationToken, nodes);

    private static async Task<T> WaitFor<T>(Func<Task<T?>> probe, CancellationToken cancellationToken, params ClusterNode[] nodes) where T : class
    {
        try
        {
            while (true)
            {
                if (await probe() is { } found)
                    return found;
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("the cluster did not get there in time; the nodes wrote:\n" + string.Join("\n", nodes.Select(n => $"{n.Name}: {n.Output}")));
        }
    }

    /// <summary>One host's scheduler as its own process (tests/Complaints.ClusterNode), killed with SIGKILL, not stopped.</summary>
    private sealed class ClusterNode : IDisposable
    {
        private readonly Process _process;
        public string Name { get; }

        private ClusterNode(string name, Process process)
        {
            Name = name;
            _process = process;
        }

        /// <summary>What the node wrote (Quartz's warnings and errors): said when the test fails.</summary>
        public string Output => string.Join('\n', _output);

        private readonly ConcurrentQueue<string> _output = new();

        public static async Task<ClusterNode> StartAsync(string name, string connectionString)
        {
            var program = Path.Combine(AppContext.BaseDirectory, "Complaints.ClusterNode.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
            foreach (var arg in new[] { program, $"--Node:Name={name}", "--Node:Cron=0/2 * * * * ?", "--Node:WorkMilliseconds=1800",
                         "--Scheduler:Clustered=true", $"--Scheduler:ConnectionString={connectionString}",
                         "--Scheduler:CheckinInterval=00:00:00.5", "--Scheduler:CheckinMisfireThreshold=00:00:01", "--Logging:LogLevel:Default=Warning" })
                start.ArgumentList.Add(arg);
            var process = new Process { StartInfo = start };
            var node = new ClusterNode(name, process);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == "ready")
                    ready.TrySetResult();
                else if (e.Data is { } line)
                    node._output.Enqueue(line);
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) node._output.Enqueue(line); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
            {
                node.Dispose();
                throw new InvalidOperationException($"cluster node {name} did not start: {node.Output}");
            }
            return node;
        }

        public void Kill() => _process.Kill(entireProcessTree: true);

        public void Dispose()
        {
            if (!_process.HasExited)
                Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}

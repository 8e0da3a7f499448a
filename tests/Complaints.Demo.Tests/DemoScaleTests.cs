using System.Diagnostics;
using Complaints.Demo;
using Xunit.Abstractions;

namespace Complaints.Demo.Tests;

/// <summary>Runs alone: the working set is the whole test process's, so tests loading warehouses beside it would be counted too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "memory measurements";
}

[Collection(MemoryMeasurements.Name)]
public sealed class DemoScaleTests(ITestOutputHelper output)
{
    private const int Complaints = 100_000;
    private const long MaxGrowthBytes = 100L * 1024 * 1024;

    /// <summary>
    /// A hundred thousand complaints (about 130 MB of files) are streamed: memory sampled at every progress report stays
    /// within a fixed bound of what the process held before, below what keeping their rows would take. The bound is loose
    /// on purpose: it catches anything that keeps rows, not a few megabytes of buffers. Peak memory at 1M and 10M
    /// complaints is benchmark work (tests/Complaints.Benchmarks), not for the unit suite on a two-core machine.
    /// </summary>
    [Fact]
    public void Complaints_are_generated_in_flat_memory()
    {
        using var directory = new TempDirectory();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var sampler = new MemorySampler(process);
        var watch = Stopwatch.StartNew();

        var files = new DemoDataGenerator().Write(directory.Path, new DemoDataOptions(Complaints, 2026, new DateOnly(2025, 12, 31)), sampler);

        watch.Stop();
        var heapGrowth = sampler.PeakHeap - heapBefore;
        var workingSetGrowth = sampler.PeakWorkingSet - workingSetBefore;
        output.WriteLine($"{Complaints:N0} complaints in {watch.Elapsed.TotalSeconds:F1} s; peak growth: managed heap {heapGrowth / 1048576.0:F0} MB, working set {workingSetGrowth / 1048576.0:F0} MB ({sampler.Samples} samples)");
        Assert.Equal(Complaints / 10_000, sampler.Samples); // a report every 10,000 complaints
        Assert.True(new FileInfo(files.Complaints).Length > 40L * 1024 * 1024);
        Assert.True(heapGrowth < MaxGrowthBytes, $"managed heap grew by {heapGrowth / 1048576.0:F0} MB");
        Assert.True(workingSetGrowth < MaxGrowthBytes, $"working set grew by {workingSetGrowth / 1048576.0:F0} MB");
    }

    private sealed class MemorySampler(Process process) : IProgress<long>
    {
        public long PeakHeap { get; private set; }
        public long PeakWorkingSet { get; private set; }
        public int Samples { get; private set; }

        public void Report(long value)
        {
            Samples++;
            PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: false));
            process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
        }
    }
}

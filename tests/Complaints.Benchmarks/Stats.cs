using System.Diagnostics;

namespace Complaints.Benchmarks;

/// <summary>Percentiles over repeated runs, nearest-rank.</summary>
public sealed record Timings(IReadOnlyList<double> Milliseconds)
{
    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double Max => Milliseconds.Max();

    public static Timings Measure(int warmUp, int runs, Action action)
    {
        for (var i = 0; i < warmUp; i++)
            action();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return new Timings(times);
    }

    private double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

using Complaints.Models.Statistics;

namespace Complaints.Models.Tests.Statistics;

public sealed class PoissonCusumTests
{
    private static readonly PoissonCusum Cusum = new(ShiftToDetect: 1.5, Threshold: 5);

    [Fact]
    public void Counts_at_their_expectation_never_signal()
    {
        long[] observed = [10, 9, 11, 10, 8, 12, 10, 10];
        var (statistic, signals) = Cusum.Last(observed, [.. observed.Select(_ => 10.0)]);
        Assert.False(signals);
        Assert.InRange(statistic, 0, 2);
    }

    [Fact]
    public void A_lasting_rise_too_small_for_one_week_accumulates_into_a_signal()
    {
        // 1.6 times the expected 10 a week: no single week is remarkable, six of them are.
        long[] observed = [16, 15, 17, 16, 16, 17];
        var sums = Cusum.Run(observed, [.. observed.Select(_ => 10.0)]);
        Assert.True(sums[0] < Cusum.Threshold);
        Assert.True(sums[^1] > Cusum.Threshold);
        Assert.True(sums.Zip(sums.Skip(1)).All(p => p.Second > p.First)); // it grows week by week
    }

    [Fact]
    public void The_sum_never_falls_below_zero_so_a_quiet_spell_does_not_bank_credit()
    {
        long[] observed = [0, 0, 0, 0, 25];
        var sums = Cusum.Run(observed, [10, 10, 10, 10, 10]);
        Assert.All(sums.Take(4), s => Assert.Equal(0, s));
        Assert.True(sums[^1] > Cusum.Threshold);
    }
}

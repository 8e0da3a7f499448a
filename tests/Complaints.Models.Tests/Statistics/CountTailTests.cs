using Complaints.Models.Statistics;

namespace Complaints.Models.Tests.Statistics;

public sealed class CountTailTests
{
    [Theory]
    // P(X >= k) for X ~ Poisson(mean), from the closed-form sums (1 minus the sum of the pmf below k).
    [InlineData(5, 2.0, 0.052653017343711)]
    [InlineData(1, 3.0, 0.950212931632136)]
    [InlineData(20, 5.0, 3.452135820536384E-07)]
    [InlineData(3, 3.0, 0.576809918873156)]
    public void Poisson_tail_matches_known_values(long observed, double mean, double expected) =>
        Assert.Equal(expected, CountTail.Poisson(observed, mean), expected * 1e-6);

    [Fact]
    public void A_count_of_zero_or_less_is_certain_and_a_zero_mean_makes_any_count_impossible()
    {
        Assert.Equal(1, CountTail.Poisson(0, 4));
        Assert.Equal(0, CountTail.Poisson(1, 0));
    }

    [Fact]
    public void Tiny_tails_keep_their_size_instead_of_rounding_to_zero()
    {
        var p = CountTail.Poisson(80, 10);
        Assert.Equal(7.235188176300098e-44, p, 7.235188176300098e-44 * 1e-6);
    }

    [Fact]
    public void The_negative_binomial_is_the_Poisson_without_overdispersion_and_wider_with_it()
    {
        Assert.Equal(CountTail.Poisson(12, 6), CountTail.NegativeBinomial(12, 6, 1), 12);
        Assert.True(CountTail.NegativeBinomial(12, 6, 2.5) > 3 * CountTail.Poisson(12, 6));
        // Mean 4, dispersion 2: size 4 and p = 0.5, so P(X >= 8) = 1 - sum over k < 8 of C(k+3, 3) / 2^(k+4) = 0.11328125.
        Assert.Equal(0.11328125, CountTail.NegativeBinomial(8, 4, 2), 8);
    }

    [Fact]
    public void Log_gamma_matches_factorials() =>
        Assert.Equal(Math.Log(3628800), CountTail.LogFactorial(10), 10);
}

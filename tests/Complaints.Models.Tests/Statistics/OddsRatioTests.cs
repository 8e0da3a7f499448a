using Complaints.Models.Statistics;

namespace Complaints.Models.Tests.Statistics;

public sealed class OddsRatioTests
{
    [Fact]
    public void The_ratio_and_its_interval_match_the_textbook_formula()
    {
        // a=20, b=80, c=100, d=1900: ROR = (20*1900)/(80*100) = 4.75; SE(ln) = sqrt(1/20+1/80+1/100+1/1900) = 0.27023.
        var ratio = OddsRatio.Of(20, 80, 100, 1900);
        Assert.Equal(4.75, ratio.Value, 6);
        Assert.Equal(4.75 * Math.Exp(-1.96 * 0.270234), ratio.Lower, 3);
        Assert.Equal(4.75 * Math.Exp(1.96 * 0.270234), ratio.Upper, 3);
        Assert.True(ratio.Signals);
    }

    [Fact]
    public void Fewer_than_five_cases_never_signal_however_disproportionate()
    {
        var ratio = OddsRatio.Of(4, 1, 10, 5000);
        Assert.True(ratio.Lower > 1);
        Assert.False(ratio.Signals);
    }

    [Fact]
    public void A_share_like_everyone_elses_does_not_signal() =>
        Assert.False(OddsRatio.Of(10, 90, 100, 900).Signals);

    [Fact]
    public void An_empty_cell_gives_a_finite_ratio() =>
        Assert.True(double.IsFinite(OddsRatio.Of(17, 0, 3, 400).Value));
}

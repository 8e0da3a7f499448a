using Complaints.Dashboards.Components;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Tests.Components;

public sealed class FormatTests
{
    private const char Nbsp = '\u00A0'; // .NET's Polish group separator (the space before "zł" is a plain one)

    [Fact]
    public void Polish_amounts_in_zloty_read_1_234_50_zl()
    {
        using var _ = new CultureScope("pl-PL");

        Assert.Equal($"1{Nbsp}234,50 zł", Format.Money(1234.50m, "PLN"));
        Assert.Equal("20,00 EUR", Format.Money(20m, "EUR"));
        Assert.Equal($"12{Nbsp}345", Format.Count(12345));
    }

    [Fact]
    public void English_amounts_keep_the_currency_code_after_the_number()
    {
        using var _ = new CultureScope("en-GB");

        Assert.Equal("1,234.50 PLN", Format.Money(1234.50m, "PLN"));
        Assert.Equal("12,345", Format.Count(12345));
    }

    [Fact]
    public void Periods_and_durations_are_worded_in_the_chosen_language()
    {
        var monday = new DateOnly(2025, 3, 3);
        using (new CultureScope("en-GB"))
        {
            Assert.Equal("week of 3 Mar 2025", Format.Period(monday, TimeBucket.Week));
            Assert.Equal("Q1 2025", Format.Period(monday, TimeBucket.Quarter));
            Assert.Equal("4.5 d", Format.Days(4.5));
        }
        using (new CultureScope("pl-PL"))
        {
            Assert.Equal("tydzień od 3 mar 2025", Format.Period(monday, TimeBucket.Week));
            Assert.Equal("1 kw. 2025", Format.Period(monday, TimeBucket.Quarter));
            Assert.Equal("4,5 dni", Format.Days(4.5));
        }
    }
}

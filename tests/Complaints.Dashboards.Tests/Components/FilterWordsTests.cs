using Complaints.Dashboards.Features.Filters;
using Complaints.Testing;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Tests.Components;

/// <summary>A filter said in words, as a workbook's cover sheet and an audit report print it.</summary>
public sealed class FilterWordsTests
{
    private static readonly ComplaintFilter Filter = new(From: new DateOnly(2026, 1, 1), To: new DateOnly(2026, 3, 31), Line: "Furniture", Channel: "phone", Breached: SlaBreach.Statutory);

    [Fact]
    public void In_English_each_set_field_is_one_phrase_in_reading_order()
    {
        using var _ = new CultureScope("en-GB");

        Assert.Equal("received 1 Jan 2026–31 Mar 2026 · product line Furniture · channel phone · statutory deadline missed", FilterWords.Describe(Filter));
        Assert.Equal("all complaints", FilterWords.Describe(ComplaintFilter.All));
        Assert.Equal("received from 1 Jan 2026", FilterWords.Describe(new ComplaintFilter(From: new DateOnly(2026, 1, 1))));
    }

    [Fact]
    public void In_Polish_the_phrases_are_Polish_and_the_codes_stay_as_stored()
    {
        using var _ = new CultureScope("pl-PL");

        var words = FilterWords.Describe(Filter);

        Assert.StartsWith("przyjęte 1 sty 2026–31 mar 2026 · linia produktów Furniture · kanał phone", words);
    }

    [Fact]
    public void A_filter_error_names_the_field_and_the_text_in_the_reader_s_language()
    {
        using var _ = new CultureScope("en-GB");

        Assert.Contains("'to'", FilterWords.Error(new FilterError(FilterProblem.NotADay, "to", "31/03/2026")));
    }
}

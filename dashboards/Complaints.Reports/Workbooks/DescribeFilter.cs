using System.Globalization;
using Complaints.Warehouse;

namespace Complaints.Reports.Workbooks;

/// <summary>
/// The filter in words in a language, for a cover sheet or an export's note. The host gives the dashboard's own
/// wording (the filter bar's); without it the filter is written as its query string, which still says all of it.
/// </summary>
public delegate string DescribeFilter(ComplaintFilter filter, CultureInfo culture);

public static class FilterAsQuery
{
    public static string Describe(ComplaintFilter filter, CultureInfo culture)
    {
        var fields = filter.ToQuery();
        return fields.Count == 0 ? "all complaints" : string.Join("&", fields.Select(f => $"{f.Name}={f.Value}"));
    }
}

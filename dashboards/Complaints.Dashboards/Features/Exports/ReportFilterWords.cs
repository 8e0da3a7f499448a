using System.Globalization;
using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Features.Exports;

/// <summary>The filter bar's wording (FilterWords) in a report's language, for workbooks and exports made outside a request's culture.</summary>
public static class ReportFilterWords
{
    public static string Describe(ComplaintFilter filter, CultureInfo culture)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
            return FilterWords.Describe(filter);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}

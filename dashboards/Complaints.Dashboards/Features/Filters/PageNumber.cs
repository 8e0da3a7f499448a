using System.Globalization;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>
/// The <c>page</c> query value of a paged list, taken as text: a value that is no page (<c>abc</c>, <c>0</c>, a number too big
/// for any list) gets the page's message, never an error page.
/// </summary>
public static class PageNumber
{
    /// <summary>Page 1 when empty; false for anything but a whole number from 1 up.</summary>
    public static bool TryParse(string? text, out int page)
    {
        page = 1;
        if (string.IsNullOrEmpty(text))
            return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1;
    }

    /// <summary>Rows to skip for a page, held within what a query takes (a page past the end then simply holds no rows).</summary>
    public static int Offset(int page, int pageSize) => (int)Math.Min((page - 1L) * pageSize, int.MaxValue);
}

using System.Globalization;

namespace Complaints.Dashboards.Components.Charts;

/// <summary>What every plotly chart here needs: plotly.js itself, and the reader's number separators.</summary>
public static class ChartSupport
{
    /// <summary>
    /// plotly.js as Plotly.Blazor serves it: the basic bundle (bar, scatter) is a third of the full one. Pages ask for it
    /// through <c>Assets[…]</c>, which names the copy with its content hash: browsers keep that one for a year without asking
    /// again, while the plain name is sent "no-cache" and asked about on every page.
    /// </summary>
    public const string PlotlyScript = "_content/Plotly.Blazor/plotly-basic-3.7.0.min.js";

    /// <summary>plotly's decimal then thousands separator, from the reader's culture (".," in English, ", " in Polish).</summary>
    public static string Separators() =>
        CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator + CultureInfo.CurrentCulture.NumberFormat.NumberGroupSeparator;
}

using System.Globalization;

namespace Complaints.Dashboards.Components.Charts;

/// <summary>What every plotly chart here needs: plotly.js itself, and the reader's number separators.</summary>
public static class ChartSupport
{
    /// <summary>
    /// plotly.js as Plotly.Blazor serves it: the basic bundle (bar, scatter) is a third of the full one. The package
    /// names it by version, not by content hash, so the path is written out here, once.
    /// </summary>
    public const string PlotlyScript = "_content/Plotly.Blazor/plotly-basic-3.7.0.min.js";

    /// <summary>plotly's decimal then thousands separator, from the reader's culture (".," in English, ", " in Polish).</summary>
    public static string Separators() =>
        CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator + CultureInfo.CurrentCulture.NumberFormat.NumberGroupSeparator;
}

using System.Globalization;
using System.Text.Json;

namespace Complaints.Dashboards.Components.Charts;

/// <summary>What every plotly chart here needs: the reader's number separators, and the index of a clicked point.</summary>
public static class ChartSupport
{
    /// <summary>plotly's decimal then thousands separator, from the reader's culture (".," in English, ", " in Polish).</summary>
    public static string Separators() =>
        CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator + CultureInfo.CurrentCulture.NumberFormat.NumberGroupSeparator;

    /// <summary>plotly's point index arrives as JSON (a JsonElement), or as a number; -1 when it is neither.</summary>
    public static int IndexOf(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } json => json.GetInt32(),
        IConvertible number => Convert.ToInt32(number, CultureInfo.InvariantCulture),
        _ => -1,
    };
}

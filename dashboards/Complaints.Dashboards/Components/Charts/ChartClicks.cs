using System.Globalization;
using System.Text.Json;

namespace Complaints.Dashboards.Components.Charts;

/// <summary>What plotly reports about a clicked point.</summary>
public static class ChartClicks
{
    /// <summary>plotly's point index arrives as JSON (a JsonElement), or as a number; -1 when it is neither.</summary>
    public static int IndexOf(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } json => json.GetInt32(),
        IConvertible number => Convert.ToInt32(number, CultureInfo.InvariantCulture),
        _ => -1,
    };
}

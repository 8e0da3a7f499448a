using System.Globalization;
using Complaints.Dashboards.Components;
using Complaints.Dashboards.Resources;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Features.Overview;

/// <summary>A key figure's change against the previous period of the same length, worded for people.</summary>
public sealed record KpiChange(string Text, bool? Better)
{
    public static KpiChange? Of(double? current, double? previous, bool higherIsBetter, Kpis kpis)
    {
        if (current is not { } now || previous is not { } before || kpis.PreviousFrom is not { } from || kpis.PreviousTo is not { } to)
            return null;
        var period = UiText.Get("Kpi.Against", Format.Date(from), Format.Date(to));
        if (before == 0)
            return new KpiChange(UiText.Get(now == 0 ? "Kpi.NoChange" : "Kpi.NewFromZero", period), null);
        var change = (now - before) / before;
        if (Math.Abs(change) < 0.0005)
            return new KpiChange(UiText.Get("Kpi.NoChange", period), null);
        var arrow = change > 0 ? "▲" : "▼";
        return new KpiChange($"{arrow} {Math.Abs(change).ToString("P1", CultureInfo.CurrentCulture)} {period}", change > 0 == higherIsBetter);
    }
}

using System.Globalization;
using Complaints.Dashboards.Components;
using Complaints.Dashboards.Resources;
using Complaints.Models.Risk;

namespace Complaints.Dashboards.Features.Risk;

/// <summary>A score's reasons in the reader's language: "kanał letter +0,9; otwarta 8,8 dni +2,3".</summary>
public static class ReasonText
{
    public static string Of(IReadOnlyList<RiskFactor> reasons, long? modelVersion, double ruleShare, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        if (dueAt is { } due && due <= now)
            return UiText.Get("Risk.DeadlinePassed");
        if (modelVersion is null)
            return UiText.Get("Risk.RuleReason", Format.Percent(ruleShare * 100));
        return string.Join("; ", reasons.Select(Of));
    }

    private static string Of(RiskFactor factor)
    {
        var value = double.TryParse(factor.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? Format.Number(number, factor.Value.Contains('.', StringComparison.Ordinal) ? 1 : 0)
            : factor.Value;
        var words = factor.Feature == nameof(RiskSnapshot.Responded)
            ? UiText.Get(factor.Value == "1" ? "Reason.Responded" : "Reason.NotResponded")
            : UiText.Get($"Reason.{factor.Feature}", value);
        var sign = factor.LogOdds >= 0 ? "+" : "−";
        return $"{words} {sign}{Format.Number(Math.Abs(factor.LogOdds), 1)}";
    }
}

using Complaints.Models.Defects;
using DuckDB.NET.Data;

namespace Complaints.Models.Evaluation;

/// <summary>For one planted defect: the theme holding most of its key-phrase complaints, and how pure and complete it is.</summary>
public sealed record ThemeFinding(PlantedDefect Defect, DateOnly AsOf, int Descriptions, int Themes, int WithKeyPhrase, int InTheme, int ThemeSize, IReadOnlyList<string> TopTerms)
{
    /// <summary>Share of the complaints with the key phrase that the theme holds (target ≥ 80 %).</summary>
    public double Recall => WithKeyPhrase == 0 ? 0 : (double)InTheme / WithKeyPhrase;
    /// <summary>Share of the theme's members that have the key phrase (target ≥ 80 %).</summary>
    public double Precision => ThemeSize == 0 ? 0 : (double)InTheme / ThemeSize;
}

/// <summary>Themes of each planted defect's product four weeks after the onset: its last four weeks against the twelve before.</summary>
public static class ThemeEvaluation
{
    public const int WeeksAfterOnset = 4, RecentWeeks = 4, BaselineWeeks = 12;

    public static IReadOnlyList<ThemeFinding> Evaluate(DuckDBConnection connection, GroundTruth truth, TimeZoneInfo zone) =>
        truth.RecurringDefects.Select(defect =>
        {
            var asOf = Min(defect.Onset.AddDays(7 * WeeksAfterOnset), truth.LastDay);
            var to = LocalDay.Start(asOf.AddDays(1), zone);
            var texts = ThemeTexts.Read(connection, defect.Sku, LocalDay.Start(asOf.AddDays(1 - 7 * (RecentWeeks + BaselineWeeks)), zone), to, zone.Id);
            var recentFrom = asOf.AddDays(1 - 7 * RecentWeeks);
            var phrases = defect.KeyPhrases.Values.SelectMany(p => p).ToList();
            var withPhrase = texts.Where(t => t.Day >= recentFrom).Where(t => phrases.Any(p => t.Description.Contains(p, StringComparison.OrdinalIgnoreCase))).Select(t => t.ExternalId).ToHashSet();
            var themes = TextThemes.Find(texts, recentFrom);
            var best = themes.MaxBy(t => t.Members.Count(withPhrase.Contains));
            return new ThemeFinding(defect, asOf, texts.Count(t => t.Day >= recentFrom), themes.Count, withPhrase.Count, best?.Members.Count(withPhrase.Contains) ?? 0, best?.Size ?? 0, best?.TopTerms ?? []);
        }).ToList();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

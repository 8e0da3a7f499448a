using Complaints.Models.Defects;
using Complaints.Warehouse.PersonalData;

namespace Complaints.Dashboards.Features.Defects;

/// <summary>
/// A text theme's top terms come from the descriptions' words, and a surname in many sign-offs can rise among them:
/// a term that names someone whose data we hold is shown as <c>***</c>, on the page and in the API alike.
/// </summary>
public static class ThemeTerms
{
    public static IReadOnlyList<TextTheme> Masked(IReadOnlyList<TextTheme> themes, PersonalDataStore personalData)
    {
        var names = personalData.NamesAmong(themes.SelectMany(t => t.TopTerms));
        return names.Count == 0 ? themes
            : themes.Select(t => t with { TopTerms = t.TopTerms.Select(term => names.Contains(term) ? "***" : term).ToList() }).ToList();
    }
}

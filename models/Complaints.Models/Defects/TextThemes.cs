using Complaints.Warehouse;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Complaints.Models.Defects;

/// <summary>One complaint's description, as the theme finder reads it.</summary>
public sealed record ThemeText(string ExternalId, DateOnly Day, string Description, string? Category);

/// <summary>
/// A recurring problem found in the words of the descriptions: terms that suddenly appear far more often than before,
/// and the recent complaints that use them, with weekly counts (over the whole window, so the rise shows) and examples.
/// </summary>
public sealed record TextTheme(IReadOnlyList<string> TopTerms, IReadOnlyList<string> Members, IReadOnlyList<(DateOnly WeekFrom, int Complaints)> Weekly,
    IReadOnlyList<string> Examples, long Observed, double Expected)
{
    public int Size => Members.Count;
}

/// <summary>
/// Finds text themes in one product's descriptions, to catch recurring problems the category codes miss. ML.NET
/// normalises and tokenises the text and removes its English and Polish stop words; a word is emerging when the
/// recent complaints use it far more often than the earlier ones did (at least 5 complaints, 3 times the expected
/// number, Poisson p &lt; 10⁻⁶, as for the count signals); emerging words that the same complaints use together, or
/// that mostly come in the same defect category (another language's word, another inflection), form one theme. A
/// lone rising word is a theme only when its complaints mostly carry one defect category: otherwise it is most often a
/// name in the sign-offs, not a problem. (k-means over TF-IDF vectors was tried first: it grouped the descriptions by language, greeting and
/// request wording rather than by problem, and held under half of a planted defect's complaints in any one cluster.)
/// </summary>
public static class TextThemes
{
    public const int MinimumComplaints = 5, MinimumTerms = 2, ExampleCount = 3, TopTermCount = 6;
    public const double MinimumLift = 3, MaximumPValue = 1e-6, SameThemeOverlap = 0.3;

    /// <param name="texts">Descriptions of the whole window, oldest first.</param>
    /// <param name="recentFrom">First day of the recent part; earlier days are the baseline.</param>
    public static IReadOnlyList<TextTheme> Find(IReadOnlyList<ThemeText> texts, DateOnly recentFrom)
    {
        var recent = Enumerable.Range(0, texts.Count).Where(i => texts[i].Day >= recentFrom).ToList();
        var baseline = texts.Count - recent.Count;
        if (recent.Count < MinimumComplaints || baseline == 0) return [];
        var words = Words(texts);

        var scale = recent.Count / (double)baseline;
        var recentDocs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var baselineCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
            foreach (var word in words[i])
                if (texts[i].Day >= recentFrom) (recentDocs.TryGetValue(word, out var list) ? list : recentDocs[word] = []).Add(i);
                else baselineCounts[word] = baselineCounts.GetValueOrDefault(word) + 1;
        var emerging = recentDocs
            .Select(w => (Word: w.Key, Docs: w.Value, Expected: Math.Max(baselineCounts.GetValueOrDefault(w.Key), 0.5) * scale))
            .Where(w => w.Docs.Count >= MinimumComplaints && w.Docs.Count >= MinimumLift * w.Expected
                        && Statistics.CountTail.Poisson(w.Docs.Count, w.Expected) < MaximumPValue)
            .OrderByDescending(w => w.Docs.Count / w.Expected).ThenBy(w => w.Word, StringComparer.Ordinal)
            .ToList();

        return Group(emerging.Select(w => (w.Word, Docs: w.Docs.ToHashSet(), Category: DominantCategory(w.Docs.Select(i => texts[i].Category)))).ToList())
            .Where(group => group.Count >= MinimumTerms || group[0].Category is not null).Select(group =>
        {
            var terms = group.Select(g => g.Word).ToHashSet(StringComparer.Ordinal);
            var members = recent.Where(i => words[i].Overlaps(terms)).ToList();
            var all = Enumerable.Range(0, texts.Count).Where(i => words[i].Overlaps(terms)).ToList();
            var before = all.Count - members.Count;
            var weekly = all.GroupBy(i => WeekStart(texts[i].Day)).OrderBy(w => w.Key).Select(w => (w.Key, w.Count())).ToList();
            return new TextTheme(group.Select(g => g.Word).Take(TopTermCount).ToList(), members.Select(i => texts[i].ExternalId).ToList(), weekly,
                members.OrderByDescending(i => texts[i].Day).Take(ExampleCount).Select(i => texts[i].ExternalId).ToList(),
                members.Count, Math.Max(before, 0.5) * scale);
        }).OrderByDescending(t => t.Size).ToList();
    }

    /// <summary>
    /// Emerging words join one theme, strongest word first, when their recent complaints overlap (Jaccard ≥
    /// <see cref="SameThemeOverlap"/>) or both mostly carry the same defect category.
    /// </summary>
    private static List<List<(string Word, HashSet<int> Docs, string? Category)>> Group(List<(string Word, HashSet<int> Docs, string? Category)> emerging)
    {
        var groups = new List<List<(string Word, HashSet<int> Docs, string? Category)>>();
        foreach (var word in emerging)
        {
            var home = groups.FirstOrDefault(g => g.Any(other => Jaccard(other.Docs, word.Docs) >= SameThemeOverlap
                                                                 || (word.Category is not null && other.Category == word.Category)));
            if (home is null) groups.Add([word]);
            else home.Add(word);
        }
        return groups;
    }

    public const double DominantShare = 0.6;

    /// <summary>The category at least <see cref="DominantShare"/> of the complaints carry, or null when none does.</summary>
    private static string? DominantCategory(IEnumerable<string?> categories)
    {
        var list = categories.ToList();
        var top = list.Where(c => c is not null).GroupBy(c => c).MaxBy(g => g.Count());
        return top is not null && top.Count() >= DominantShare * list.Count ? top.Key : null;
    }

    private static double Jaccard(HashSet<int> a, HashSet<int> b)
    {
        var both = a.Count(b.Contains);
        return both / (double)(a.Count + b.Count - both);
    }

    /// <summary>Each description's distinct words, lower case, without stop words and without words of one or two letters.</summary>
    private static HashSet<string>[] Words(IReadOnlyList<ThemeText> texts)
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new Row { Text = t.Description }));
        var pipeline = ml.Transforms.Text.NormalizeText("Normalized", nameof(Row.Text), TextNormalizingEstimator.CaseMode.Lower,
                keepDiacritics: true, keepPunctuations: false, keepNumbers: false)
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", "Normalized"))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.English))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.Polish));
        return pipeline.Fit(data).Transform(data).GetColumn<VBuffer<ReadOnlyMemory<char>>>("Tokens")
            .Select(v => v.DenseValues().Select(t => t.ToString()).Where(t => t.Length > 2).ToHashSet(StringComparer.Ordinal)).ToArray();
    }

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }
}

/// <summary>Reads the descriptions a theme search works on.</summary>
public static class ThemeTexts
{
    /// <summary>One product's complaints received from <paramref name="from"/> to before <paramref name="to"/>, oldest first.</summary>
    public static List<ThemeText> Read(DuckDB.NET.Data.DuckDBConnection connection, string sku, DateTimeOffset from, DateTimeOffset to, string timeZone) =>
        connection.QueryList("""
            SELECT external_id, CAST(timezone($tz, received_at) AS DATE), coalesce(description, ''), defect_category
            FROM complaints
            WHERE product_sku = $sku AND received_at >= CAST($from AS TIMESTAMPTZ) AND received_at < CAST($to AS TIMESTAMPTZ)
            ORDER BY received_at, external_id
            """, r => new ThemeText(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2), r.NullableString(3)),
            ("tz", timeZone), ("sku", sku), ("from", from), ("to", to));
}

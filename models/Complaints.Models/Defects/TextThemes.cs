using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Complaints.Models.Defects;

/// <summary>One complaint's description, as the theme finder reads it.</summary>
public sealed record ThemeText(string ExternalId, DateOnly Day, string Description);

/// <summary>A group of complaints whose descriptions share their words: top terms, size, weekly counts and examples.</summary>
public sealed record TextTheme(int Number, IReadOnlyList<string> TopTerms, IReadOnlyList<string> Members, IReadOnlyList<(DateOnly WeekFrom, int Complaints)> Weekly, IReadOnlyList<string> Examples)
{
    public int Size => Members.Count;
}

/// <summary>
/// Clusters one product's descriptions into themes, to catch recurring problems the category codes miss: ML.NET's text
/// normalisation and word tokens without English and Polish stop words, word and two-word TF-IDF vectors, and k-means
/// (k-means++ start, seeded, so a run repeats). Top terms are the words most over-represented in a theme.
/// </summary>
public static class TextThemes
{
    public const int TopTermCount = 6, ExampleCount = 3;

    /// <summary>Roughly one theme per 60 descriptions, between 4 and 16.</summary>
    public static int ThemesFor(int descriptions) => Math.Clamp(descriptions / 60, 4, 16);

    public static IReadOnlyList<TextTheme> Find(IReadOnlyList<ThemeText> texts, int seed, int? themes = null)
    {
        if (texts.Count < 8) return [];
        var k = Math.Min(themes ?? ThemesFor(texts.Count), texts.Count / 2);
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new Row { Text = t.Description }));
        var pipeline = ml.Transforms.Text.NormalizeText("Normalized", nameof(Row.Text), TextNormalizingEstimator.CaseMode.Lower,
                keepDiacritics: true, keepPunctuations: false, keepNumbers: false)
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", "Normalized"))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.English))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens", "Tokens", StopWordsRemovingEstimator.Language.Polish))
            .Append(ml.Transforms.Conversion.MapValueToKey("TokenKeys", "Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("Features", "TokenKeys", ngramLength: 2, useAllLengths: true,
                weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("Features"))
            .Append(ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = "Features",
                NumberOfClusters = k,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                NumberOfThreads = 1, // one thread: the same seed gives the same themes
                MaximumNumberOfIterations = 200,
            }));
        var scored = pipeline.Fit(data).Transform(data);
        var clusters = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var tokens = scored.GetColumn<VBuffer<ReadOnlyMemory<char>>>("Tokens")
            .Select(v => v.DenseValues().Select(t => t.ToString()).Where(t => t.Length > 2).ToHashSet(StringComparer.Ordinal)).ToArray();

        var everywhere = DocumentFrequencies(tokens);
        return clusters.Select((cluster, i) => (cluster, i)).GroupBy(x => x.cluster).Select(group =>
        {
            var members = group.Select(x => x.i).ToList();
            var here = DocumentFrequencies(members.Select(i => tokens[i]));
            var top = here.Where(t => t.Value >= 2)
                .OrderByDescending(t => t.Value * Math.Log((double)t.Value / members.Count / ((double)everywhere[t.Key] / texts.Count) + 1))
                .ThenBy(t => t.Key, StringComparer.Ordinal).Take(TopTermCount).Select(t => t.Key).ToList();
            var weekly = members.GroupBy(i => WeekStart(texts[i].Day)).OrderBy(w => w.Key).Select(w => (w.Key, w.Count())).ToList();
            return new TextTheme((int)group.Key, top, members.Select(i => texts[i].ExternalId).ToList(), weekly,
                members.OrderByDescending(i => texts[i].Day).Take(ExampleCount).Select(i => texts[i].ExternalId).ToList());
        }).OrderByDescending(t => t.Size).ToList();
    }

    private static Dictionary<string, int> DocumentFrequencies(IEnumerable<HashSet<string>> documents)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
            foreach (var token in document)
                counts[token] = counts.GetValueOrDefault(token) + 1;
        return counts;
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
        Warehouse.Sql.QueryList(connection, """
            SELECT external_id, CAST(timezone($tz, received_at) AS DATE), coalesce(description, '')
            FROM complaints
            WHERE product_sku = $sku AND received_at >= CAST($from AS TIMESTAMPTZ) AND received_at < CAST($to AS TIMESTAMPTZ)
            ORDER BY received_at, external_id
            """, r => new ThemeText(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2)),
            ("tz", timeZone), ("sku", sku), ("from", from), ("to", to));
}

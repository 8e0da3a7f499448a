using Complaints.Models.Evaluation;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Complaints.Models.Risk;

/// <summary>
/// A LightGBM classifier of whether a complaint will miss a deadline, trained on past snapshots. Its reasons are
/// what-if contributions: how much the log-odds fall when one factor is set to its usual value (the training
/// set's most common category or median), so they read as "letter channel +0.9".
/// </summary>
public sealed class RiskModel
{
    public static readonly string[] Categorical = [nameof(RiskSnapshot.ProductLine), nameof(RiskSnapshot.Channel), nameof(RiskSnapshot.Segment),
        nameof(RiskSnapshot.Priority), nameof(RiskSnapshot.ComplaintType), nameof(RiskSnapshot.Expectation), nameof(RiskSnapshot.Status)];
    public static readonly string[] Numeric = [nameof(RiskSnapshot.AgeHours), nameof(RiskSnapshot.AllowedHours), nameof(RiskSnapshot.Responded),
        nameof(RiskSnapshot.StatusChanges), nameof(RiskSnapshot.HoursInStatus), nameof(RiskSnapshot.BacklogAtReceipt), nameof(RiskSnapshot.BacklogNow),
        nameof(RiskSnapshot.DescriptionLength)];

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly RiskSnapshot _usual;

    private RiskModel(MLContext ml, ITransformer model, RiskSnapshot usual)
    {
        _ml = ml;
        _model = model;
        _usual = usual;
    }

    public RiskTarget Target { get; private init; }

    /// <summary>More labelled snapshots than this are sampled down (seeded): beyond it, more rows cost minutes and add little.</summary>
    public const int MaxTrainingRows = 300_000;

    public static RiskModel Train(IReadOnlyList<RiskSnapshot> snapshots, RiskTarget target, int seed)
    {
        var ml = new MLContext(seed);
        var labelled = snapshots.Where(s => s.Missed(target) is not null).ToList();
        if (labelled.Count > MaxTrainingRows)
        {
            var random = new Random(seed);
            labelled = labelled.OrderBy(_ => random.Next()).Take(MaxTrainingRows).ToList();
        }
        var data = ml.Data.LoadFromEnumerable(labelled.Select(s => s.Labelled(target)).ToList());
        var pipeline = Features(ml).Append(ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskSnapshot.Label),
            FeatureColumnName = "Features",
            NumberOfLeaves = 31,
            NumberOfIterations = 100,
            LearningRate = 0.1,
            MinimumExampleCountPerLeaf = 50,
            Seed = seed,
            Verbose = false,
            Silent = true,
        }));
        var model = pipeline.Fit(data);
        return new RiskModel(ml, model, Usual(snapshots)) { Target = target };
    }

    /// <summary>The probability of a miss for each snapshot, in order.</summary>
    public float[] Predict(IReadOnlyList<RiskSnapshot> snapshots)
    {
        if (snapshots.Count == 0) return [];
        var input = _ml.Data.LoadFromEnumerable(snapshots);
        return _model.Transform(input).GetColumn<float>("Probability").ToArray();
    }

    /// <summary>
    /// The model and the rule (share of the allowed time used) on the snapshots whose outcome for this model's target
    /// is known: how a model earns its use, and what the evaluation reports.
    /// </summary>
    public (ClassifierMetrics Model, ClassifierMetrics Rule, IReadOnlyList<RiskSnapshot> Tested) AgainstRule(IEnumerable<RiskSnapshot> snapshots)
    {
        var test = snapshots.Where(s => s.Missed(Target) is not null).ToList();
        var actual = test.Select(s => s.Missed(Target)!.Value).ToList();
        return (ClassifierMetrics.Of(Predict(test).Select(p => (double)p).ToList(), actual),
            ClassifierMetrics.Of(test.Select(s => (double)s.RuleShare).ToList(), actual), test);
    }

    /// <summary>
    /// Each snapshot's factors that raise (or lower) its risk most, as log-odds against the usual value, largest first.
    /// Only snapshots whose value differs from the usual one are predicted again for a factor: the others' change is nil.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<RiskFactor>> Explain(IReadOnlyList<RiskSnapshot> snapshots, float[] probabilities, int top = 3)
    {
        var factors = new List<RiskFactor>[snapshots.Count];
        for (var i = 0; i < factors.Length; i++) factors[i] = [];
        foreach (var name in Categorical.Concat(Numeric).Where(n => n != nameof(RiskSnapshot.AllowedHours)))
        {
            var property = typeof(RiskSnapshot).GetProperty(name)!;
            var usual = property.GetValue(_usual);
            var differing = Enumerable.Range(0, snapshots.Count).Where(i => !Equals(property.GetValue(snapshots[i]), usual)).ToList();
            var what = Predict(differing.Select(i => WithUsual(snapshots[i], property, usual)).ToList());
            for (var k = 0; k < differing.Count; k++)
            {
                var i = differing[k];
                var delta = Logit(probabilities[i]) - Logit(what[k]);
                if (Math.Abs(delta) >= 0.05)
                    factors[i].Add(new RiskFactor(name, ValueOf(snapshots[i], name), Math.Round(delta, 2)));
            }
        }
        return factors.Select(f => (IReadOnlyList<RiskFactor>)f.OrderByDescending(x => Math.Abs(x.LogOdds)).Take(top).ToList()).ToList();
    }

    public byte[] Save(IReadOnlyList<RiskSnapshot> schemaSample)
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(schemaSample.Take(1)).Schema, stream);
        return stream.ToArray();
    }

    public static RiskModel Load(byte[] bytes, RiskTarget target, RiskSnapshot usual, int seed)
    {
        var ml = new MLContext(seed);
        using var stream = new MemoryStream(bytes);
        return new RiskModel(ml, ml.Model.Load(stream, out _), usual) { Target = target };
    }

    /// <summary>The typical complaint the reasons compare with: the most common value of each category, the median of each number.</summary>
    public RiskSnapshot UsualSnapshot => _usual.Copy();

    private static RiskSnapshot Usual(IReadOnlyList<RiskSnapshot> snapshots)
    {
        var usual = new RiskSnapshot();
        foreach (var name in Categorical)
        {
            var property = typeof(RiskSnapshot).GetProperty(name)!;
            property.SetValue(usual, snapshots.GroupBy(s => (string)property.GetValue(s)!).MaxBy(g => g.Count())?.Key ?? "");
        }
        foreach (var name in Numeric)
        {
            var property = typeof(RiskSnapshot).GetProperty(name)!;
            var values = snapshots.Select(s => (float)property.GetValue(s)!).Order().ToList();
            property.SetValue(usual, values.Count == 0 ? 0f : values[values.Count / 2]);
        }
        return usual;
    }

    private static RiskSnapshot WithUsual(RiskSnapshot snapshot, System.Reflection.PropertyInfo property, object? usual)
    {
        var copy = snapshot.Copy();
        property.SetValue(copy, usual);
        return copy;
    }

    /// <summary>A factor's value as culture-invariant text: categories as stored, hours as days, counts as whole numbers.</summary>
    private static string ValueOf(RiskSnapshot s, string name) => name switch
    {
        nameof(RiskSnapshot.AgeHours) => (s.AgeHours / 24).ToString("0.#", CultureInfo.InvariantCulture),
        nameof(RiskSnapshot.HoursInStatus) => (s.HoursInStatus / 24).ToString("0.#", CultureInfo.InvariantCulture),
        _ => typeof(RiskSnapshot).GetProperty(name)!.GetValue(s) switch
        {
            float f => f.ToString("0", CultureInfo.InvariantCulture),
            var v => v?.ToString() ?? "",
        },
    };

    private static double Logit(float p)
    {
        var q = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(q / (1 - q));
    }

    private static IEstimator<ITransformer> Features(MLContext ml)
    {
        var encode = ml.Transforms.Categorical.OneHotEncoding(Categorical.Select(c => new InputOutputColumnPair(c + "Code", c)).ToArray());
        return encode.Append(ml.Transforms.Concatenate("Features", [.. Categorical.Select(c => c + "Code"), .. Numeric]));
    }
}

/// <summary>
/// One reason behind a score: the factor, its value (culture-invariant text: days for times, whole numbers for counts)
/// and how much it adds to the log-odds (negative: it lowers the risk). Pages put it in the reader's language;
/// <see cref="Words"/> is the English wording for messages.
/// </summary>
public sealed record RiskFactor(string Feature, string Value, double LogOdds)
{
    public string Words => Feature switch
    {
        nameof(RiskSnapshot.ProductLine) => $"product line {Value}",
        nameof(RiskSnapshot.Channel) => $"{Value} channel",
        nameof(RiskSnapshot.Segment) => $"{Value} customer",
        nameof(RiskSnapshot.Priority) => $"{Value} priority",
        nameof(RiskSnapshot.ComplaintType) => $"type {Value}",
        nameof(RiskSnapshot.Expectation) => $"asks for {Value}",
        nameof(RiskSnapshot.Status) => $"status {Value}",
        nameof(RiskSnapshot.AgeHours) => $"open {Value} days",
        nameof(RiskSnapshot.Responded) => Value == "1" ? "first response given" : "no first response yet",
        nameof(RiskSnapshot.StatusChanges) => $"{Value} status changes",
        nameof(RiskSnapshot.HoursInStatus) => $"{Value} days in its status",
        nameof(RiskSnapshot.BacklogAtReceipt) => $"backlog at receipt {Value}",
        nameof(RiskSnapshot.BacklogNow) => $"backlog now {Value}",
        nameof(RiskSnapshot.DescriptionLength) => $"description of {Value} characters",
        _ => $"{Feature} {Value}",
    };

    public string Sign => LogOdds >= 0 ? $"+{LogOdds:0.0}" : $"−{-LogOdds:0.0}";

    public override string ToString() => $"{Words} {Sign}";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>How reasons are stored (<c>risk_scores.reasons</c>): a JSON array.</summary>
    public static string Store(IEnumerable<RiskFactor> factors) => System.Text.Json.JsonSerializer.Serialize(factors, Json);

    public static IReadOnlyList<RiskFactor> Read(string stored) =>
        System.Text.Json.JsonSerializer.Deserialize<List<RiskFactor>>(stored, Json) ?? [];
}

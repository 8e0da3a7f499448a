using System.Text.Json;
using Complaints.Models.Evaluation;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Models.Risk;

/// <summary>A stored model version: its training window, its test figures against the rule, and whether it scores.</summary>
public sealed record ModelVersion(long Version, RiskTarget Target, DateTimeOffset TrainedAt, DateTimeOffset TrainFrom, DateTimeOffset SplitAt, DateTimeOffset TestTo,
    int Seed, long TrainingRows, long TestRows, double Auc, double RuleAuc, double Brier, double RuleBrier, bool InUse);

/// <summary>
/// Trains the risk models on the warehouse's own history and scores every open complaint with them. Training splits
/// by time: complaints received in the older three quarters of the last year train, the newer quarter (whose
/// outcomes are known) tests; a model that does not beat the rule there is stored but not used, and the rule scores.
/// </summary>
public sealed class RiskScores(WarehouseDatabase warehouse, IOptions<ModelsOptions> options, IOptions<ReportingOptions> reporting, TimeProvider time)
{
    public static readonly TimeSpan TrainingWindow = TimeSpan.FromDays(365);
    /// <summary>Scores by the rule, and deadlines already passed, have no factors: the rule's share of time (or the passed deadline) is the reason.</summary>
    private static readonly string NoReasons = RiskFactor.Store([]);
    public const int MinimumPositives = 20, MinimumTrainingRows = 500;

    /// <summary>Complaints sampled for training and for testing: beyond these, more rows cost minutes and add little.</summary>
    public const int TrainingComplaints = 60_000, TestComplaints = 30_000;

    /// <summary>Trains a model per target. Returns the versions stored; none for a target with too little history.</summary>
    /// <param name="actor">Who asked for the training, for the audit log: the schedule (system) or an administrator.</param>
    public async Task<IReadOnlyList<ModelVersion>> TrainAsync(CancellationToken cancellationToken = default, string actor = "system")
    {
        var now = time.GetUtcNow();
        var trained = Train(now);
        var stored = new List<ModelVersion>();
        foreach (var (version, bytes, usual) in trained)
        {
            var id = await warehouse.WriteAsync(connection =>
            {
                using var transaction = connection.BeginTransaction();
                var versionId = connection.Scalar<long>("""
                    INSERT INTO model_versions VALUES (nextval('model_version_ids'), $target, $at, $from, $split, $to, $seed, $rows, $test_rows,
                        $auc, $rule_auc, $brier, $rule_brier, $in_use, $usual, $bytes) RETURNING model_version
                    """, ("target", Name(version.Target)), ("at", now), ("from", version.TrainFrom), ("split", version.SplitAt), ("to", version.TestTo),
                    ("seed", version.Seed), ("rows", version.TrainingRows), ("test_rows", version.TestRows), ("auc", version.Auc), ("rule_auc", version.RuleAuc),
                    ("brier", version.Brier), ("rule_brier", version.RuleBrier), ("in_use", version.InUse), ("usual", usual), ("bytes", bytes));
                AuditLog.Append(connection, time, actor, "risk_model.trained", $"model_versions/{versionId}", null, JsonSerializer.Serialize(new
                {
                    version = versionId, target = Name(version.Target), trainFrom = version.TrainFrom, splitAt = version.SplitAt, testTo = version.TestTo, seed = version.Seed,
                    trainingRows = version.TrainingRows, testRows = version.TestRows, auc = version.Auc, ruleAuc = version.RuleAuc, inUse = version.InUse,
                }));
                transaction.Commit();
                return Task.FromResult(versionId);
            }, cancellationToken);
            stored.Add(version with { Version = id });
        }
        return stored;
    }

    /// <summary>Both targets' models from one read of the training and test snapshots.</summary>
    private List<(ModelVersion Version, byte[] Bytes, string Usual)> Train(DateTimeOffset now)
    {
        using var connection = warehouse.OpenConnection();
        var first = connection.Scalar<DateTime?>("SELECT min(received_at) FROM complaints");
        if (first is null) return [];
        var from = Max(new DateTimeOffset(first.Value, TimeSpan.Zero), now - TrainingWindow);
        var testTo = now.AddDays(-15);
        if (testTo <= from) return [];
        var split = from + (testTo - from) * 0.75;
        var training = RiskSnapshots.AtAges(connection, from, split, RiskEvaluation.TrainingAges, split, reporting.Value, TrainingComplaints);
        var testing = RiskSnapshots.AtAges(connection, split, testTo, RiskEvaluation.TrainingAges, now, reporting.Value, TestComplaints);

        var trained = new List<(ModelVersion, byte[], string)>();
        foreach (var target in Enum.GetValues<RiskTarget>())
        {
            var labelled = training.Count(s => s.Missed(target) is not null);
            if (labelled < MinimumTrainingRows || training.Count(s => s.Missed(target) == true) < MinimumPositives) continue;
            var model = RiskModel.Train(training, target, options.Value.Seed);
            var (byModel, byRule, test) = model.AgainstRule(testing);
            var version = new ModelVersion(0, target, now, from, split, testTo, options.Value.Seed, Math.Min(labelled, RiskModel.MaxTrainingRows), test.Count,
                byModel.Auc, byRule.Auc, byModel.Brier, byRule.Brier, InUse: test.Count > 0 && byModel.Auc > byRule.Auc);
            trained.Add((version, model.Save(training), JsonSerializer.Serialize(model.UsualSnapshot)));
        }
        return trained;
    }

    /// <summary>Scores every open complaint for each target with the newest model in use (or the rule) and replaces the stored scores.</summary>
    public async Task<int> ScoreAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var rows = new List<(long Key, string Target, long? Version, double P, double Rule, DateTimeOffset? Due, string Reasons)>();
        using (var connection = warehouse.OpenConnection())
        {
            var open = RiskSnapshots.OpenNow(connection, now, reporting.Value);
            foreach (var target in Enum.GetValues<RiskTarget>())
            {
                var undecided = open.Where(s => s.Missed(target) is null && s.DueAt(target) is not null).ToList();
                var (model, version) = Newest(connection, target);
                if (model is null)
                {
                    rows.AddRange(undecided.Select(s => (s.ComplaintKey, Name(target), (long?)null, (double)Math.Min(1, s.RuleShare), (double)s.RuleShare, s.DueAt(target),
                        NoReasons)));
                }
                else
                {
                    var p = model.Predict(undecided);
                    var reasons = model.Explain(undecided, p);
                    rows.AddRange(undecided.Select((s, i) => (s.ComplaintKey, Name(target), version, (double)p[i], (double)s.RuleShare, s.DueAt(target),
                        RiskFactor.Store(reasons[i]))));
                }
                // Already past the deadline without an answer: missed, whatever a model says.
                rows.AddRange(open.Where(s => s.Missed(target) == true).Select(s => (s.ComplaintKey, Name(target), (long?)null, 1.0, (double)s.RuleShare, s.DueAt(target), NoReasons)));
            }
        }
        await warehouse.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute("DELETE FROM risk_scores");
            using (var appender = connection.CreateAppender("risk_scores"))
                foreach (var row in rows)
                {
                    var r = appender.CreateRow().AppendValue(row.Key).AppendValue(row.Target).AppendValue(now.UtcDateTime).AppendValue(row.Version)
                        .AppendValue(row.P).AppendValue(row.Rule);
                    (row.Due is { } due ? r.AppendValue(due.UtcDateTime) : r.AppendNullValue()).AppendValue(row.Reasons).EndRow();
                }
            AuditLog.Append(connection, time, "system", "risk_scores.recalculated", "risk_scores", null, JsonSerializer.Serialize(new
            {
                scores = rows.Count,
                byTarget = rows.GroupBy(r => r.Target).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new { target = g.Key, scores = g.Count(), modelVersions = g.Select(r => r.Version).Distinct().Order().ToList() }),
            }));
            transaction.Commit();
            return Task.FromResult(rows.Count);
        }, cancellationToken);
        return rows.Count;
    }

    /// <summary>The newest model version in use for the target, loaded; (null, null) when the rule scores.</summary>
    private static (RiskModel? Model, long? Version) Newest(DuckDBConnection connection, RiskTarget target)
    {
        var row = connection.QueryList("""
            SELECT model_version, usual_json, model_bytes, seed FROM model_versions
            WHERE target = $target AND in_use ORDER BY model_version DESC LIMIT 1
            """, r => (Version: r.GetInt64(0), Usual: r.GetString(1), Bytes: ReadBytes(r.GetValue(2)), Seed: r.GetInt32(3)), ("target", Name(target))).SingleOrDefault();
        if (row.Bytes is null) return (null, null);
        var usual = JsonSerializer.Deserialize<RiskSnapshot>(row.Usual)!;
        return (RiskModel.Load(row.Bytes, target, usual, row.Seed), row.Version);
    }

    public static IReadOnlyList<ModelVersion> Versions(DuckDBConnection connection) => connection.QueryList("""
        SELECT model_version, target, trained_at, train_from, split_at, test_to, seed, training_rows, test_rows, auc, rule_auc, brier, rule_brier, in_use
        FROM model_versions ORDER BY model_version DESC
        """, r => new ModelVersion(r.GetInt64(0), Parse(r.GetString(1)), r.GetInstant(2), r.GetInstant(3), r.GetInstant(4), r.GetInstant(5), r.GetInt32(6),
        r.GetInt64(7), r.GetInt64(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetDouble(12), r.GetBoolean(13)));

    public static string Name(RiskTarget target) => target == RiskTarget.Statutory ? "statutory" : "resolution";

    public static RiskTarget Parse(string name) => name == "resolution" ? RiskTarget.Resolution : RiskTarget.Statutory;

    private static byte[] ReadBytes(object value) => value switch
    {
        byte[] bytes => bytes,
        Stream stream => ToArray(stream),
        _ => throw new InvalidCastException($"model_bytes holds {value.GetType().Name}."),
    };

    private static byte[] ToArray(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

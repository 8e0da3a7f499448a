using System.Diagnostics;
using Complaints.Models.Risk;
using Complaints.Warehouse;
using DuckDB.NET.Data;

namespace Complaints.Models.Evaluation;

/// <summary>The model, the rule and (at receipt) the oracle on the complaints of one age in the test period.</summary>
public sealed record RiskAtAge(string Age, ClassifierMetrics Model, ClassifierMetrics Rule, ClassifierMetrics? Oracle);

public sealed record RiskEvaluationResult(
    RiskTarget Target, DateTimeOffset TrainFrom, DateTimeOffset SplitAt, DateTimeOffset TestTo, long TrainingRows,
    TimeSpan TrainingTime, IReadOnlyList<RiskAtAge> Ages, long LabelsUnlikePlanted, long LabelsCompared);

/// <summary>
/// Trains the risk model on complaints received in the older part of the data and tests it on the newer part
/// (a split by time, never at random), at receipt and at fixed ages, beside the rule (share of the allowed time
/// used) and, at receipt, the planted breach probability.
/// </summary>
public static class RiskEvaluation
{
    public static readonly double[] TrainingAges = [0, 1, 2, 3, 5, 7, 10, 12];
    public static readonly (string Name, double Days)[] TestAges = [("at receipt", 0), ("3 days", 3), ("7 days", 7), ("10 days", 10)];
    public const double TrainShare = 0.7;
    /// <summary>The demo data's settings: its statuses end complaints as the defaults say.</summary>
    private static readonly ReportingOptions Reporting = new();

    public static RiskEvaluationResult Evaluate(DuckDBConnection connection, GroundTruth truth, TimeZoneInfo zone, int seed, RiskTarget target = RiskTarget.Statutory)
    {
        var start = LocalDay.Start(truth.FirstDay, zone);
        var knownAt = LocalDay.Start(truth.LastDay.AddDays(1), zone);
        var trainFrom = start.AddDays(28); // the backlog starts from nothing on the first day: let it fill first
        var splitAt = start + (knownAt - start) * TrainShare;
        var testTo = knownAt.AddDays(-truth.SlaBreach.DeadlineDays - 1); // later complaints have no known outcome yet

        // Snapshots and outcomes as they were known at the split: training never sees what happened after it.
        var training = RiskSnapshots.AtAges(connection, trainFrom, splitAt, TrainingAges, splitAt, Reporting);
        var watch = Stopwatch.StartNew();
        var model = RiskModel.Train(training, target, seed);
        var trainingTime = watch.Elapsed;

        var planted = PlantedProbabilities(connection, truth);
        var ages = new List<RiskAtAge>();
        long unlike = 0, compared = 0;
        foreach (var (name, days) in TestAges)
        {
            var (byModel, byRule, test) = model.AgainstRule(RiskSnapshots.AtAges(connection, splitAt, testTo, [days], knownAt, Reporting));
            ClassifierMetrics? oracle = null;
            if (days == 0)
            {
                oracle = ClassifierMetrics.Of(test.Select(s => planted[s.ComplaintKey].Probability).ToList(), test.Select(s => s.Missed(target)!.Value).ToList());
                if (target == RiskTarget.Statutory)
                {
                    compared = test.Count;
                    unlike = test.Count(s => s.StatutoryMissed != planted[s.ComplaintKey].Missed);
                }
            }
            ages.Add(new RiskAtAge(name, byModel, byRule, oracle));
        }
        // All ages together, as the at-risk page sees its open complaints: here the rule's share of time used does rank them.
        var (mixedModel, mixedRule, _) = model.AgainstRule(RiskSnapshots.AtAges(connection, splitAt, testTo, TrainingAges, knownAt, Reporting));
        ages.Add(new RiskAtAge("all ages 0–12 days", mixedModel, mixedRule, null));
        return new RiskEvaluationResult(target, trainFrom, splitAt, testTo, training.Count, trainingTime, ages, unlike, compared);
    }

    /// <summary>
    /// The planted breach probability of every complaint, with its backlog counted as docs/demo-ground-truth.md
    /// defines it (complaints with a lower number not answered by this one's receipt), and the planted outcome
    /// (answered more than the deadline's hours after receipt, or not at all by the end).
    /// </summary>
    private static Dictionary<long, (double Probability, bool? Missed)> PlantedProbabilities(DuckDBConnection connection, GroundTruth truth)
    {
        const string sql = """
            WITH numbered AS (
                SELECT c.complaint_key, c.received_at, c.answered_at, c.channel, coalesce(p.product_line, '') AS line, coalesce(cu.segment, '') AS segment,
                       row_number() OVER (ORDER BY c.external_id) AS n
                FROM complaints c
                LEFT JOIN products p ON p.sku = c.product_sku
                LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
            ),
            answers AS (SELECT answered_at AS instant, count(*) AS k FROM complaints WHERE answered_at IS NOT NULL GROUP BY 1),
            answered_by AS (SELECT instant, CAST(sum(k) OVER (ORDER BY instant) AS BIGINT) AS answered FROM answers)
            SELECT n.complaint_key, n.line, coalesce(n.channel, ''), n.segment, (n.n - 1) - coalesce(a.answered, 0) AS open_at_receipt,
                   CASE WHEN n.answered_at IS NOT NULL THEN n.answered_at > n.received_at + to_hours(CAST($hours AS BIGINT))
                        WHEN n.received_at + to_hours(CAST($hours AS BIGINT)) < CAST($end AS TIMESTAMPTZ) THEN TRUE END AS missed
            FROM numbered n ASOF LEFT JOIN answered_by a ON n.received_at >= a.instant
            """;
        var end = LocalDay.Start(truth.LastDay.AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"));
        return connection.QueryList(sql, r => (Key: r.GetInt64(0), P: truth.SlaBreach.Probability(r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)),
                Missed: r.IsDBNull(5) ? (bool?)null : r.GetBoolean(5)),
                ("hours", truth.SlaBreach.DeadlineDays * 24L), ("end", end))
            .ToDictionary(x => x.Key, x => (x.P, x.Missed));
    }
}

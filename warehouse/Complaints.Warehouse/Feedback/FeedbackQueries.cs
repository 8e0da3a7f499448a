using System.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Feedback;

public sealed record FeedbackFigures(
    FeedbackSummary Summary,
    IReadOnlyList<FeedbackGroup> PerProduct,
    IReadOnlyList<FeedbackGroup> PerChannel,
    IReadOnlyList<FeedbackGroup> PerTeam,
    IReadOnlyList<FeedbackGroup> ByHandlingTime);

/// <summary>
/// Survey answers: CSAT is the mean of the 1–5 scores given; NPS is promoters (9–10) minus detractors (0–6) as a share
/// of the 0–10 scores given, in points from −100 to 100. Each is null when no score was given.
/// </summary>
public sealed record Scores(long Answers, long CsatAnswers, double? Csat, long NpsAnswers, long Promoters, long Detractors, double? Nps)
{
    /// <summary>The aggregates <see cref="Read"/> takes, in its order, over a query's <c>csat</c> and <c>nps</c> columns; it stands for /*scores*/ in the feedback SQL.</summary>
    public const string Columns = """
        count(*)                          AS answers,
               count(csat)                       AS csat_answers,
               avg(csat)                         AS csat,
               count(nps)                        AS nps_answers,
               count(*) FILTER (WHERE nps >= 9)  AS promoters,
               count(*) FILTER (WHERE nps <= 6)  AS detractors
        """;

    public static Scores Read(IDataRecord r, int first)
    {
        long L(int i) => r.GetInt64(first + i);
        var npsAnswers = L(3);
        return new Scores(L(0), L(1), r.IsDBNull(first + 2) ? null : Math.Round(r.GetDouble(first + 2), 2), npsAnswers, L(4), L(5),
            npsAnswers == 0 ? null : Math.Round(100.0 * (L(4) - L(5)) / npsAnswers, 1));
    }
}

/// <summary>Response rate: settled complaints with an answer over settled complaints (resolved, or answered and reopened since).</summary>
public sealed record FeedbackSummary(long SettledComplaints, long SurveyedComplaints, double? ResponseRatePercent, Scores Scores);

/// <summary>Answers of one value of a dimension (a product's SKU and name, a channel, a team, a handling-time bucket).</summary>
public sealed record FeedbackGroup(string Value, string Label, long Complaints, Scores Scores);

/// <summary>The feedback figures over surveys and their complaints; page and API call these.</summary>
public sealed class FeedbackQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting)
{
    /// <summary>Handling-time buckets in calendar days, receipt to resolution: [0,1), [1,3), [3,7), [7,14), 14 and more.</summary>
    public static readonly IReadOnlyList<string> HandlingBuckets = ["0-1", "1-3", "3-7", "7-14", "14+"];

    public enum Dimension { Product, Channel, Team }

    public async Task<FeedbackFigures> GetAsync(ComplaintFilter filter, CancellationToken cancellationToken = default)
    {
        var summary = Task.Run(() => Summary(filter), cancellationToken);
        var product = Task.Run(() => By(Dimension.Product, filter), cancellationToken);
        var channel = Task.Run(() => By(Dimension.Channel, filter), cancellationToken);
        var team = Task.Run(() => By(Dimension.Team, filter), cancellationToken);
        var handling = Task.Run(() => ByHandlingTime(filter), cancellationToken);
        return new FeedbackFigures(await summary, await product, await channel, await team, await handling);
    }

    public FeedbackSummary Summary(ComplaintFilter filter) => Query(Sql("Summary"), filter, r =>
    {
        long settled = r.GetInt64(0), surveyed = r.GetInt64(1);
        return new FeedbackSummary(settled, surveyed, settled == 0 ? null : Math.Round(100.0 * surveyed / settled, 2), Scores.Read(r, 2));
    }).Single();

    public IReadOnlyList<FeedbackGroup> By(Dimension dimension, ComplaintFilter filter)
    {
        var (value, label) = dimension switch
        {
            Dimension.Product => ("c.product_sku", "coalesce(p.name, c.product_sku)"),
            Dimension.Channel => ("coalesce(c.channel, 'unknown')", "coalesce(c.channel, 'unknown')"),
            Dimension.Team => ("coalesce(c.team, 'unknown')", "coalesce(c.team, 'unknown')"),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
        var sql = Sql("By").Replace("/*dimension*/", value, StringComparison.Ordinal).Replace("/*label*/", label, StringComparison.Ordinal);
        return Query(sql, filter, r => new FeedbackGroup(r.GetString(0), r.GetString(1), r.GetInt64(2), Scores.Read(r, 3)));
    }

    /// <summary>Only buckets with answers, in order of handling time.</summary>
    public IReadOnlyList<FeedbackGroup> ByHandlingTime(ComplaintFilter filter) => Query(Sql("ByHandlingTime"), filter, r =>
    {
        var bucket = HandlingBuckets[r.GetInt32(0)];
        return new FeedbackGroup(bucket, bucket + " days", r.GetInt64(1), Scores.Read(r, 2));
    });

    private static string Sql(string name) =>
        Warehouse.Sql.Load(typeof(FeedbackQueries).Assembly, $"Feedback.{name}.sql").Replace("/*scores*/", Scores.Columns, StringComparison.Ordinal);

    private List<T> Query<T>(string sql, ComplaintFilter filter, Func<IDataRecord, T> map)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryFiltered(sql, filter, reporting.Value, map);
    }
}

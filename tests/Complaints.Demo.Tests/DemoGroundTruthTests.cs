using System.Globalization;
using System.Text.Json;
using Complaints.Demo;

namespace Complaints.Demo.Tests;

/// <summary>What ground_truth.json says was planted is what the files show.</summary>
public sealed class DemoGroundTruthTests(LargeDemoData data) : IClassFixture<LargeDemoData>
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private JsonElement Truth => data.GroundTruth.RootElement;

    private sealed record DefectCounts(string Id, double Multiple, double ExpectedBefore, long Before, long After, double WeeksBefore, double WeeksAfter)
    {
        public double WeeklyBefore => Before / WeeksBefore;
        public double WeeklyAfter => After / WeeksAfter;
        public double Ratio => WeeklyAfter / WeeklyBefore;

        /// <summary>Standard error of the ratio of two Poisson rates.</summary>
        public double RatioError => Ratio * Math.Sqrt(1.0 / Before + 1.0 / After);
    }

    private List<DefectCounts> CountDefects()
    {
        var firstDay = DateOnly.Parse(Truth.GetProperty("first_day").GetString()!, CultureInfo.InvariantCulture);
        var lastDay = DateOnly.Parse(Truth.GetProperty("last_day").GetString()!, CultureInfo.InvariantCulture);
        var counts = new List<DefectCounts>();
        foreach (var defect in Truth.GetProperty("recurring_defects").EnumerateArray())
        {
            var sku = defect.GetProperty("product_sku").GetString();
            var category = defect.GetProperty("defect_category").GetString();
            var onset = DateOnly.Parse(defect.GetProperty("onset").GetString()!, CultureInfo.InvariantCulture);
            var matching = data.Complaints.Where(c => c.Sku == sku && c.DefectCategory == category).ToList();
            counts.Add(new DefectCounts(
                defect.GetProperty("id").GetString()!, defect.GetProperty("multiple").GetDouble(),
                defect.GetProperty("baseline_weekly_before").GetDouble(),
                matching.Count(c => c.ReceivedDay < onset), matching.Count(c => c.ReceivedDay >= onset),
                (onset.DayNumber - firstDay.DayNumber) / 7.0, (lastDay.DayNumber - onset.DayNumber + 1) / 7.0));
        }
        return counts;
    }

    [Fact]
    public void Ground_truth_lists_at_least_three_recurring_defects_and_a_slow_one_inside_the_range()
    {
        var first = DateOnly.Parse(Truth.GetProperty("first_day").GetString()!, CultureInfo.InvariantCulture);
        var defects = Truth.GetProperty("recurring_defects").EnumerateArray().ToList();

        Assert.True(defects.Count(d => d.GetProperty("multiple").GetDouble() >= 3) >= 3);
        Assert.Contains(defects, d => d.GetProperty("slow").GetBoolean() && d.GetProperty("multiple").GetDouble() < 2);
        Assert.All(defects, d =>
        {
            var onset = DateOnly.Parse(d.GetProperty("onset").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(onset, first.AddDays(90), LargeDemoData.Options.LastDay.AddDays(-60));
            Assert.NotEmpty(d.GetProperty("key_phrases").GetProperty("pl").EnumerateArray());
            Assert.NotEmpty(d.GetProperty("key_phrases").GetProperty("en").EnumerateArray());
        });
    }

    [Fact]
    public void Planted_defects_rise_to_their_stated_multiple_of_the_weeks_before()
    {
        foreach (var defect in CountDefects())
        {
            // Four standard errors: a wrong multiple fails, noise at this size practically never does.
            Assert.True(Math.Abs(defect.Ratio - defect.Multiple) < 4 * defect.RatioError,
                $"{defect.Id}: {defect.WeeklyBefore:F2} a week before, {defect.WeeklyAfter:F2} after = {defect.Ratio:F2}x, stated {defect.Multiple}x");
            Assert.True(Math.Abs(defect.WeeklyBefore - defect.ExpectedBefore) < 4 * Math.Sqrt(defect.Before) / defect.WeeksBefore,
                $"{defect.Id}: {defect.WeeklyBefore:F2} a week before the onset, expected {defect.ExpectedBefore:F2}");
        }
    }

    [Fact]
    public void The_slow_defect_is_a_smaller_but_detectable_shift()
    {
        var defects = CountDefects();
        var slow = defects.Single(d => d.Multiple < 2);

        Assert.True((slow.Ratio - 1) / slow.RatioError > 3, $"{slow.Id}: {slow.Ratio:F2}x is not clearly above 1");
        Assert.All(defects.Where(d => d != slow), d => Assert.True(d.Ratio > slow.Ratio + 0.5, $"{d.Id} {d.Ratio:F2}x vs slow {slow.Ratio:F2}x"));
    }

    [Fact]
    public void Key_phrases_mark_the_planted_complaints_and_nothing_else()
    {
        foreach (var defect in Truth.GetProperty("recurring_defects").EnumerateArray())
        {
            var phrases = defect.GetProperty("key_phrases").EnumerateObject().SelectMany(l => l.Value.EnumerateArray()).Select(p => p.GetString()!).ToList();
            var onset = DateOnly.Parse(defect.GetProperty("onset").GetString()!, CultureInfo.InvariantCulture);
            var marked = data.Complaints.Where(c => phrases.Any(p => c.Description.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();

            Assert.Equal(defect.GetProperty("planted_with_key_phrase").GetInt64(), marked.Count);
            Assert.All(marked, c => Assert.Equal((defect.GetProperty("product_sku").GetString(), defect.GetProperty("defect_category").GetString()), (c.Sku, c.DefectCategory)));
            Assert.All(marked, c => Assert.True(c.ReceivedDay >= onset));
            // Typos may hit a key phrase now and then, but not often.
            Assert.True(marked.Count >= 0.95 * defect.GetProperty("planted_complaints").GetInt64());
        }
    }

    private sealed record Case(LargeDemoData.Complaint Complaint, int OpenAtReceipt, bool Breached);

    /// <summary>
    /// The breach label and the backlog at receipt, computed from the files alone as the ground truth defines
    /// them, for the complaints whose deadline passed before the end of the last day.
    /// </summary>
    private List<Case> DecidedCases()
    {
        var lastDay = LargeDemoData.Options.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var end = new DateTimeOffset(lastDay, Warsaw.GetUtcOffset(lastDay));
        var deadline = TimeSpan.FromDays(Truth.GetProperty("sla_breach").GetProperty("deadline_days").GetInt32());
        var unanswered = new PriorityQueue<DateTimeOffset, DateTimeOffset>();
        var cases = new List<Case>();
        foreach (var c in data.Complaints)
        {
            while (unanswered.TryPeek(out _, out var answered) && answered <= c.ReceivedAt)
                unanswered.Dequeue();
            var open = unanswered.Count;
            var answeredOrNever = c.AnsweredAt ?? DateTimeOffset.MaxValue;
            unanswered.Enqueue(answeredOrNever, answeredOrNever);
            if (c.ReceivedAt + deadline < end)
                cases.Add(new Case(c, open, answeredOrNever - c.ReceivedAt > deadline));
        }
        return cases;
    }

    private static double Rate(IEnumerable<Case> cases)
    {
        var list = cases.ToList();
        return list.Count(c => c.Breached) / (double)list.Count;
    }

    [Fact]
    public void Breach_counts_in_the_ground_truth_match_the_files()
    {
        var cases = DecidedCases();
        var observed = Truth.GetProperty("sla_breach").GetProperty("observed");

        Assert.Equal(observed.GetProperty("deadline_passed").GetInt64(), cases.Count);
        Assert.Equal(observed.GetProperty("breached").GetInt64(), cases.Count(c => c.Breached));
    }

    [Fact]
    public void Breach_rates_differ_between_groups_as_the_model_states()
    {
        var cases = DecidedCases();
        var unit = Truth.GetProperty("sla_breach").GetProperty("backlog").GetProperty("unit_open_complaints").GetInt32();
        var byBacklog = cases.OrderBy(c => c.OpenAtReceipt).ToList();
        var quarter = byBacklog.Count / 4;

        Assert.True(Rate(cases.Where(c => c.Complaint.Segment == "vip")) < Rate(cases.Where(c => c.Complaint.Segment == "standard")) - 0.04);
        Assert.True(Rate(byBacklog.TakeLast(quarter)) > Rate(byBacklog.Take(quarter)) + 0.04,
            $"high backlog {Rate(byBacklog.TakeLast(quarter)):P1}, low {Rate(byBacklog.Take(quarter)):P1}");
        Assert.True(Rate(cases.Where(c => c.Complaint.Channel == "letter")) > Rate(cases.Where(c => c.Complaint.Channel == "phone")) + 0.05);
        Assert.True(Rate(cases.Where(c => c.Complaint.ProductLine == "Furniture")) > Rate(cases.Where(c => c.Complaint.ProductLine == "Sports")) + 0.05);
        Assert.InRange(byBacklog[byBacklog.Count / 2].OpenAtReceipt / (double)unit, 0.5, 1.5); // a unit is about a usual backlog
    }

    [Fact]
    public void The_stated_breach_model_predicts_the_observed_breach_rate()
    {
        var model = Truth.GetProperty("sla_breach");
        var unit = model.GetProperty("backlog").GetProperty("unit_open_complaints").GetDouble();
        double LogOdds(Case c) =>
            model.GetProperty("intercept").GetDouble()
            + model.GetProperty("product_line").GetProperty(c.Complaint.ProductLine).GetDouble()
            + model.GetProperty("channel").GetProperty(c.Complaint.Channel).GetDouble()
            + model.GetProperty("customer_segment").GetProperty(c.Complaint.Segment).GetDouble()
            + model.GetProperty("backlog").GetProperty("per_unit").GetDouble() * c.OpenAtReceipt / unit;

        var cases = DecidedCases();
        foreach (var group in cases.GroupBy(c => c.Complaint.Segment).Concat(cases.GroupBy(c => c.Complaint.ProductLine)))
        {
            var predicted = group.Average(c => 1 / (1 + Math.Exp(-LogOdds(c))));
            var observed = Rate(group);
            var error = Math.Sqrt(predicted * (1 - predicted) / group.Count());
            Assert.True(Math.Abs(observed - predicted) < 4 * error + 0.005, $"{group.Key}: observed {observed:P2}, the model predicts {predicted:P2}");
        }
    }
}

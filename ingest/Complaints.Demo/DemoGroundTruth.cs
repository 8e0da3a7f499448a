using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Complaints.Demo;

/// <summary>
/// Writes ground_truth.json: the recurring defects and the breach model planted in a generated set, with the
/// expected rates and the counts actually drawn. docs/demo-ground-truth.md explains every field.
/// </summary>
internal static class DemoGroundTruth
{
    public sealed record RowCounts(long Products, long UnitsSold, long ExchangeRates, long Complaints, long StatusEvents, long Costs, long Surveys);

    private static readonly string[] ChannelOrder =
    [
        DemoCodes.Channel.Email, DemoCodes.Channel.WebForm, DemoCodes.Channel.Phone, DemoCodes.Channel.Chat,
        DemoCodes.Channel.Sms, DemoCodes.Channel.Letter, DemoCodes.Channel.Marketplace,
    ];

    private static readonly string[] SegmentOrder = [DemoCodes.Segment.Standard, DemoCodes.Segment.Business, DemoCodes.Segment.Vip];

    public static void Write(string path, DemoDataOptions options, DemoComplaintSimulator simulator, RowCounts rows)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Polish letters as themselves; the file is read by tools, not pages
        });

        json.WriteStartObject();
        json.WriteNumber("format_version", 1);
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("complaints", options.Complaints);
        json.WriteString("first_day", Day(simulator.FirstDay));
        json.WriteString("last_day", Day(options.LastDay));
        json.WriteString("time_zone", "Europe/Warsaw");

        json.WriteStartObject("rows");
        json.WriteNumber("products", rows.Products);
        json.WriteNumber("units_sold", rows.UnitsSold);
        json.WriteNumber("exchange_rates", rows.ExchangeRates);
        json.WriteNumber("complaints", rows.Complaints);
        json.WriteNumber("status_events", rows.StatusEvents);
        json.WriteNumber("costs", rows.Costs);
        json.WriteNumber("surveys", rows.Surveys);
        json.WriteEndObject();

        json.WriteStartArray("recurring_defects");
        foreach (var plan in simulator.DefectPlans)
            WriteDefect(json, plan);
        json.WriteEndArray();

        WriteBreachModel(json, simulator);

        json.WriteStartObject("irregularities");
        json.WriteNumber("reopened_complaints", simulator.Reopened);
        json.WriteNumber("late_status_events", simulator.LateStatusEvents);
        json.WriteNumber("typo_share", 0.09);
        json.WriteNumber("polish_without_diacritics_share", 0.07);
        json.WriteEndObject();

        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteDefect(Utf8JsonWriter json, DemoDefectPlan plan)
    {
        var defect = plan.Defect;
        json.WriteStartObject();
        json.WriteString("id", defect.Id);
        json.WriteString("summary", defect.Summary);
        json.WriteString("product_sku", defect.Sku);
        json.WriteString("product_name", defect.Product.Name);
        json.WriteString("product_line", defect.Product.Line.Name);
        json.WriteString("complaint_type", DemoCodes.ComplaintType.ProductDefect);
        json.WriteString("defect_category", defect.DefectCategory);
        json.WriteString("onset", Day(plan.Onset));
        json.WriteNumber("onset_share_of_range", defect.OnsetShare);
        json.WriteNumber("multiple", defect.Multiple);
        json.WriteNumber("multiple_of_counterfactual", Round(plan.MultipleOfCounterfactual));
        json.WriteBoolean("slow", defect.Multiple < 2);
        json.WriteNumber("baseline_weekly_before", Round(plan.BaselineWeeklyBefore));
        json.WriteNumber("baseline_weekly_after", Round(plan.BaselineWeeklyAfter));
        json.WriteNumber("expected_weekly_after", Round(plan.ExpectedWeeklyAfter));
        json.WriteNumber("planted_complaints", plan.Planted);
        json.WriteNumber("planted_with_key_phrase", plan.PlantedWithKeyPhrase);
        json.WriteStartObject("key_phrases");
        foreach (var (language, phrases) in new[] { ("pl", defect.KeyPhrases["pl"]), ("en", defect.KeyPhrases["en"]) })
        {
            json.WriteStartArray(language);
            foreach (var phrase in phrases)
                json.WriteStringValue(phrase);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBreachModel(Utf8JsonWriter json, DemoComplaintSimulator simulator)
    {
        json.WriteStartObject("sla_breach");
        json.WriteString("definition", "answered_at is more than 14 days (336 hours) after received_at, or still empty at the end of last_day");
        json.WriteNumber("deadline_days", DemoSlaModel.DeadlineDays);
        json.WriteString("model", "logistic");
        json.WriteNumber("intercept", DemoSlaModel.Intercept);
        WriteEffects(json, "product_line", DemoCatalog.Lines.Select(l => l.Name), DemoSlaModel.ProductLine);
        WriteEffects(json, "channel", ChannelOrder, DemoSlaModel.Channel);
        WriteEffects(json, "customer_segment", SegmentOrder, DemoSlaModel.Segment);
        json.WriteStartObject("backlog");
        json.WriteNumber("per_unit", DemoSlaModel.PerBacklogUnit);
        json.WriteNumber("unit_open_complaints", simulator.BacklogUnit);
        json.WriteString("open_at_receipt", "complaints received before this one (a lower number in external_id) whose answered_at is empty or later than this one's received_at");
        json.WriteEndObject();
        json.WriteStartObject("observed");
        json.WriteNumber("deadline_passed", simulator.DeadlinePassed);
        json.WriteNumber("breached", simulator.Breached);
        json.WriteNumber("rate", simulator.DeadlinePassed == 0 ? 0 : Round((double)simulator.Breached / simulator.DeadlinePassed));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEffects(Utf8JsonWriter json, string name, IEnumerable<string> order, IReadOnlyDictionary<string, double> effects)
    {
        json.WriteStartObject(name);
        foreach (var key in order)
            json.WriteNumber(key, effects[key]);
        json.WriteEndObject();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}

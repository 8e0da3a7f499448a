using System.Text.Json;
using System.Text.Json.Serialization;

namespace Complaints.Models.Evaluation;

/// <summary>What the demo generator planted (its ground_truth.json, described in docs/demo-ground-truth.md): the parts the evaluation checks.</summary>
public sealed record GroundTruth(
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("complaints")] long Complaints,
    [property: JsonPropertyName("first_day")] DateOnly FirstDay,
    [property: JsonPropertyName("last_day")] DateOnly LastDay,
    [property: JsonPropertyName("recurring_defects")] IReadOnlyList<PlantedDefect> RecurringDefects,
    [property: JsonPropertyName("sla_breach")] PlantedBreachModel SlaBreach)
{
    public static GroundTruth Read(string path) =>
        JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds no ground truth.");
}

public sealed record PlantedDefect(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("product_sku")] string Sku,
    [property: JsonPropertyName("product_line")] string Line,
    [property: JsonPropertyName("defect_category")] string Category,
    [property: JsonPropertyName("onset")] DateOnly Onset,
    [property: JsonPropertyName("multiple")] double Multiple,
    [property: JsonPropertyName("multiple_of_counterfactual")] double MultipleOfCounterfactual,
    [property: JsonPropertyName("slow")] bool Slow,
    [property: JsonPropertyName("key_phrases")] IReadOnlyDictionary<string, IReadOnlyList<string>> KeyPhrases)
{
    /// <summary>The evaluation's target delay from the onset to the first signal: 7 days for an abrupt defect, 21 for the slow one.</summary>
    public int TargetDelayDays => Slow ? 21 : 7;
}

/// <summary>The planted logistic breach model: log-odds terms per line, channel and segment, and per backlog unit at receipt.</summary>
public sealed record PlantedBreachModel(
    [property: JsonPropertyName("deadline_days")] int DeadlineDays,
    [property: JsonPropertyName("intercept")] double Intercept,
    [property: JsonPropertyName("product_line")] IReadOnlyDictionary<string, double> ProductLine,
    [property: JsonPropertyName("channel")] IReadOnlyDictionary<string, double> Channel,
    [property: JsonPropertyName("customer_segment")] IReadOnlyDictionary<string, double> Segment,
    [property: JsonPropertyName("backlog")] PlantedBacklogTerm Backlog)
{
    /// <summary>The planted probability of a breach: the best any model can know about a complaint at receipt.</summary>
    public double Probability(string line, string channel, string segment, long openAtReceipt)
    {
        var z = Intercept + ProductLine.GetValueOrDefault(line) + Channel.GetValueOrDefault(channel) + Segment.GetValueOrDefault(segment)
            + Backlog.PerUnit * openAtReceipt / Backlog.UnitOpenComplaints;
        return 1 / (1 + Math.Exp(-z));
    }
}

public sealed record PlantedBacklogTerm(
    [property: JsonPropertyName("per_unit")] double PerUnit,
    [property: JsonPropertyName("unit_open_complaints")] double UnitOpenComplaints);

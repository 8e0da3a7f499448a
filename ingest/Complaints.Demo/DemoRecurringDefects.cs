namespace Complaints.Demo;

/// <summary>
/// A recurring defect planted in the demo data: from <see cref="OnsetShare"/> of the date range on, complaints
/// about one product and one defect category arrive at <see cref="Multiple"/> times their weekly rate before
/// the onset, and the extra ones are worded around shared key phrases.
/// </summary>
/// <param name="OnsetShare">Where in the received-date range the defect starts (0.6 = 60% of the way through).</param>
/// <param name="KeyPhrases">Lower-case text that every wording of the defect contains, per language ("pl", "en").</param>
/// <param name="Wordings">The problem sentence a planted complaint uses instead of the usual one; <c>{p}</c> is the product name.</param>
internal sealed record DemoRecurringDefect(
    string Id,
    string Sku,
    string DefectCategory,
    double OnsetShare,
    double Multiple,
    string Summary,
    IReadOnlyDictionary<string, string[]> KeyPhrases,
    IReadOnlyDictionary<string, string[]> Wordings)
{
    public DemoProduct Product { get; } = DemoCatalog.Products.Single(p => p.Sku == Sku);
}

internal static class DemoRecurringDefects
{
    public static readonly IReadOnlyList<DemoRecurringDefect> All =
    [
        new("washer-door-seal", "HA-0001", "leaking", OnsetShare: 0.60, Multiple: 4.0,
            "A batch of door seals on the EcoWash washing machine tears and leaks.",
            new Dictionary<string, string[]> { ["pl"] = ["uszczelka drzwi"], ["en"] = ["door seal"] },
            new Dictionary<string, string[]>
            {
                ["pl"] =
                [
                    "Uszczelka drzwi przecieka i po każdym praniu na podłodze stoi kałuża.",
                    "Spod drzwiczek cieknie woda, wygląda na to, że puściła uszczelka drzwi.",
                    "{p}: uszczelka drzwi jest rozdarta, woda wylewa się podczas wirowania.",
                    "Znowu wyciek przy drzwiach, uszczelka drzwi po prostu nie trzyma.",
                ],
                ["en"] =
                [
                    "The door seal leaks and there is a puddle on the floor after every wash.",
                    "Water runs out from under the door; the door seal seems to have given way.",
                    "{p}: the door seal is torn and water spills out during the spin.",
                    "Another leak at the door, the door seal simply does not hold.",
                ],
            }),
        new("tv-screen-streak", "EL-0007", "screen_defect", OnsetShare: 0.75, Multiple: 3.0,
            "A faulty panel series on the Vista QLED 55\" shows a horizontal streak.",
            new Dictionary<string, string[]> { ["pl"] = ["smug"], ["en"] = ["streak"] },
            new Dictionary<string, string[]>
            {
                ["pl"] =
                [
                    "Na ekranie pojawiła się pozioma smuga, która nie znika po restarcie.",
                    "Przez środek obrazu biegnie jasna smuga, filmu nie da się oglądać.",
                    "{p} ma poziomą smugę na całej szerokości ekranu.",
                    "Po kilku tygodniach na matrycy widać wyraźną smugę światła.",
                ],
                ["en"] =
                [
                    "A horizontal streak appeared across the screen and stays after a restart.",
                    "A bright streak runs through the middle of the picture; films are unwatchable.",
                    "The {p} shows a horizontal streak across the full width of the panel.",
                    "After a few weeks a light streak is clearly visible on the panel.",
                ],
            }),
        new("sofa-seat-sagging", "FU-0002", "unstable_construction", OnsetShare: 0.85, Multiple: 5.0,
            "Springs from a new supplier give way: the Bergen corner sofa's seat sags.",
            new Dictionary<string, string[]> { ["pl"] = ["zapad"], ["en"] = ["sags", "sagged", "sagging"] },
            new Dictionary<string, string[]>
            {
                ["pl"] =
                [
                    "Siedzisko zapada się na środku, po miesiącu siedzi się prawie na ramie.",
                    "Jedna część narożnika wyraźnie się zapada, sprężyny nie trzymają.",
                    "{p}: siedzisko zapada się, gdy tylko ktoś usiądzie.",
                    "Pianka w siedzisku zapadła się po kilku tygodniach.",
                ],
                ["en"] =
                [
                    "The seat sags in the middle; after a month you sit almost on the frame.",
                    "One section of the corner sofa is sagging badly, the springs do not hold.",
                    "{p}: the seat sags as soon as anyone sits down.",
                    "The foam in the seat has sagged after a few weeks.",
                ],
            }),
        new("phone-battery-swelling", "EL-0001", "battery_drain", OnsetShare: 0.50, Multiple: 1.5,
            "A small share of Nova X2 batteries swell: a slow, easy-to-miss rise.",
            new Dictionary<string, string[]> { ["pl"] = ["puchnie"], ["en"] = ["swell"] },
            new Dictionary<string, string[]>
            {
                ["pl"] =
                [
                    "Bateria puchnie, tylna klapka zaczęła odstawać.",
                    "Telefon szybko się rozładowuje, a bateria wyraźnie puchnie.",
                    "Obudowa się wybrzusza, bo bateria puchnie.",
                    "{p}: bateria puchnie i podnosi ekran.",
                ],
                ["en"] =
                [
                    "The battery is swelling and the back cover is lifting.",
                    "It drains quickly and the battery is visibly swelling.",
                    "The case bulges because the battery swells.",
                    "{p}: the battery swells and pushes the screen up.",
                ],
            }),
    ];

    /// <summary>How likely a complaint about <paramref name="product"/> is to carry <paramref name="category"/>, as the simulator picks them.</summary>
    public static double CategoryShare(DemoProduct product, string category)
    {
        var weights = product.Line.TypeWeights;
        var total = weights.Sum();
        var share = 0.0;
        for (var t = 0; t < weights.Length; t++)
        {
            var categories = DemoCodes.ComplaintType.All[t] switch
            {
                DemoCodes.ComplaintType.ProductDefect => product.Category.Defects,
                DemoCodes.ComplaintType.Technical => product.Category.TechnicalDefects,
                DemoCodes.ComplaintType.Delivery => DemoCatalog.DeliveryDefects,
                DemoCodes.ComplaintType.Billing => DemoCatalog.BillingDefects,
                _ => DemoCatalog.ServiceDefects,
            };
            share += weights[t] / total * categories.Count(c => c == category) / categories.Length;
        }
        return share;
    }
}

/// <summary>What the ground truth says about one planted defect, and how the simulator plants it day by day.</summary>
internal sealed class DemoDefectPlan(DemoRecurringDefect defect, DateOnly onset, int onsetDayIndex)
{
    public DemoRecurringDefect Defect { get; } = defect;
    public DateOnly Onset { get; } = onset;
    public int OnsetDayIndex { get; } = onsetDayIndex;

    /// <summary>Expected complaints a week about the product and category before the onset.</summary>
    public double BaselineWeeklyBefore { get; set; }

    /// <summary>Expected complaints a week from the onset on had the defect not appeared (season and growth only).</summary>
    public double BaselineWeeklyAfter { get; set; }

    /// <summary>
    /// How many times the rate the product and category would have had without the defect, from the onset on:
    /// the stated multiple corrected for growth and season between the two periods.
    /// </summary>
    public double MultipleOfCounterfactual { get; set; } = 1;

    /// <summary>Expected complaints a week from the onset on, with the defect: the stated multiple of <see cref="BaselineWeeklyBefore"/>.</summary>
    public double ExpectedWeeklyAfter { get; set; }

    /// <summary>Complaints turned into this defect's complaints (on top of the product's own complaints in the category).</summary>
    public long Planted { get; set; }

    /// <summary>Planted complaints whose description still contains a key phrase after typos.</summary>
    public long PlantedWithKeyPhrase { get; set; }
}

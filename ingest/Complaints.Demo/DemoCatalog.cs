namespace Complaints.Demo;

/// <summary>A product line: who handles it, how long its cases take, and when in the year it is complained about.</summary>
/// <param name="TypeWeights">Relative frequency of each complaint type, in the order of <see cref="DemoCodes.ComplaintType.All"/>.</param>
/// <param name="Season">Relative complaint volume per calendar month, January first.</param>
/// <param name="CostFactor">How dear repairs, labour, freight and expert opinions are in this line, relative to home appliances.</param>
internal sealed record DemoProductLine(
    string Name,
    string SkuPrefix,
    string Team,
    IReadOnlyList<string> Handlers,
    double HandlingDays,
    double ExpertShare,
    double[] TypeWeights,
    double[] Season,
    double CostFactor);

/// <param name="Defects">Defect categories of a product_defect complaint.</param>
/// <param name="TechnicalDefects">Defect categories of a technical complaint.</param>
/// <param name="Bulky">Shipped by freight, so logistics costs more.</param>
/// <param name="Electric">Has a plug, a battery or firmware, so customers talk about resets and error codes.</param>
internal sealed record DemoCategory(string Name, string[] Defects, string[] TechnicalDefects, bool Bulky = false, bool Electric = false);

/// <param name="Weight">Relative complaint volume: some products draw many complaints, some few.</param>
internal sealed record DemoProduct(string Sku, string Name, DemoProductLine Line, DemoCategory Category, decimal Price, double Weight);

/// <summary>The fixed demo assortment: 40 products in five lines. It does not depend on the seed.</summary>
internal static class DemoCatalog
{
    private static readonly double[] Flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    public static readonly DemoProductLine HomeAppliances = new(
        "Home appliances", "HA", "Home appliances team", ["a.nowak", "m.lis", "k.zielinska"],
        HandlingDays: 5.5, ExpertShare: 0.25,
        TypeWeights: [0.58, 0.07, 0.12, 0.13, 0.10],
        Season: [1.1, 1.0, 1.0, 0.95, 1.0, 1.1, 1.2, 1.15, 1.0, 0.95, 1.0, 1.1],
        CostFactor: 1.0);

    public static readonly DemoProductLine Electronics = new(
        "Electronics", "EL", "Electronics team", ["p.grabowski", "j.wrona", "e.sowa"],
        HandlingDays: 6.5, ExpertShare: 0.3,
        TypeWeights: [0.50, 0.08, 0.22, 0.07, 0.13],
        Season: [1.4, 1.05, 0.9, 0.9, 0.9, 0.85, 0.85, 0.9, 1.0, 1.0, 1.15, 1.3],
        CostFactor: 1.25);

    public static readonly DemoProductLine Furniture = new(
        "Furniture", "FU", "Furniture team", ["t.kurek", "b.ptak"],
        HandlingDays: 9, ExpertShare: 0.15,
        TypeWeights: [0.50, 0.06, 0.06, 0.13, 0.25],
        Season: Flat,
        CostFactor: 1.4);

    public static readonly DemoProductLine Garden = new(
        "Garden", "GA", "Garden & sports team", ["d.wilk", "o.kruk"],
        HandlingDays: 3.5, ExpertShare: 0.1,
        TypeWeights: [0.62, 0.06, 0.06, 0.08, 0.18],
        Season: [0.3, 0.35, 0.7, 1.5, 1.9, 1.9, 1.8, 1.5, 0.9, 0.5, 0.3, 0.3],
        CostFactor: 0.8);

    public static readonly DemoProductLine Sports = new(
        "Sports", "SP", "Garden & sports team", ["d.wilk", "o.kruk"],
        HandlingDays: 3, ExpertShare: 0.08,
        TypeWeights: [0.60, 0.07, 0.05, 0.10, 0.18],
        Season: [0.8, 0.8, 0.9, 1.15, 1.3, 1.3, 1.3, 1.2, 1.0, 0.85, 0.75, 0.9],
        CostFactor: 0.7);

    public static readonly IReadOnlyList<DemoProductLine> Lines = [HomeAppliances, Electronics, Furniture, Garden, Sports];

    /// <summary>
    /// Volume across all lines per calendar month, January first: returns after Christmas, Black Friday in
    /// November and the gift season's peak in December.
    /// </summary>
    public static readonly double[] RetailSeason = [1.15, 0.95, 0.95, 0.95, 1.0, 1.0, 0.95, 0.95, 1.0, 1.05, 1.2, 1.45];

    public const string BillingTeam = "Billing team";
    public static readonly IReadOnlyList<string> BillingHandlers = ["r.sokol", "z.bak"];
    public const string LogisticsTeam = "Logistics team";
    public static readonly IReadOnlyList<string> LogisticsHandlers = ["z.bak", "m.lis", "u.czapla"];

    public static readonly string[] DeliveryDefects = ["late_delivery", "damaged_in_transit", "wrong_item", "missing_parts"];
    public static readonly string[] BillingDefects = ["wrong_invoice", "double_charge", "price_mismatch"];
    public static readonly string[] ServiceDefects = ["no_response", "missed_appointment", "installation_issue"];

    private static readonly DemoCategory WashingMachines = new("Washing machines",
        ["does_not_turn_on", "leaking", "noise", "error_code", "cracked_housing"], ["error_code", "software_error"], Bulky: true, Electric: true);
    private static readonly DemoCategory Refrigerators = new("Refrigerators",
        ["not_cooling", "leaking", "noise", "does_not_turn_on", "scratched_surface"], ["error_code"], Bulky: true, Electric: true);
    private static readonly DemoCategory VacuumCleaners = new("Vacuum cleaners",
        ["does_not_turn_on", "noise", "overheating", "cracked_housing", "battery_drain"], ["software_error", "connectivity"], Electric: true);
    private static readonly DemoCategory CoffeeMachines = new("Coffee machines",
        ["leaking", "error_code", "noise", "does_not_turn_on"], ["error_code", "software_error"], Electric: true);

    private static readonly DemoCategory Smartphones = new("Smartphones",
        ["battery_drain", "screen_defect", "does_not_turn_on", "cracked_housing", "overheating"], ["software_error", "connectivity"], Electric: true);
    private static readonly DemoCategory Laptops = new("Laptops",
        ["battery_drain", "screen_defect", "overheating", "noise", "does_not_turn_on"], ["software_error", "connectivity"], Electric: true);
    private static readonly DemoCategory Headphones = new("Headphones",
        ["noise", "battery_drain", "cracked_housing", "does_not_turn_on"], ["connectivity"], Electric: true);
    private static readonly DemoCategory Televisions = new("Televisions",
        ["screen_defect", "does_not_turn_on", "noise"], ["software_error", "connectivity"], Bulky: true, Electric: true);

    private static readonly DemoCategory Sofas = new("Sofas",
        ["fabric_damage", "unstable_construction", "colour_mismatch", "missing_parts", "wrong_size"], ["assembly_problem"], Bulky: true);
    private static readonly DemoCategory Wardrobes = new("Wardrobes",
        ["scratched_surface", "missing_parts", "wrong_size", "unstable_construction"], ["assembly_problem"], Bulky: true);
    private static readonly DemoCategory Desks = new("Desks",
        ["scratched_surface", "unstable_construction", "missing_parts"], ["assembly_problem"], Bulky: true);
    private static readonly DemoCategory OfficeChairs = new("Office chairs",
        ["broken_part", "fabric_damage", "unstable_construction", "noise"], ["assembly_problem"]);

    private static readonly DemoCategory LawnMowers = new("Lawn mowers",
        ["does_not_start", "noise", "broken_part", "cracked_housing"], ["does_not_start"], Bulky: true, Electric: true);
    private static readonly DemoCategory Grills = new("Grills",
        ["rust", "missing_parts", "broken_part", "leaking"], ["assembly_problem"]);
    private static readonly DemoCategory GardenFurniture = new("Garden furniture",
        ["rust", "unstable_construction", "colour_mismatch", "broken_part"], ["assembly_problem"], Bulky: true);
    private static readonly DemoCategory Irrigation = new("Irrigation",
        ["leaking", "broken_part", "cracked_housing"], ["leaking"]);

    private static readonly DemoCategory Bicycles = new("Bicycles",
        ["broken_part", "rust", "noise", "wrong_size"], ["assembly_problem"], Bulky: true);
    private static readonly DemoCategory Treadmills = new("Treadmills",
        ["does_not_turn_on", "noise", "error_code", "broken_part"], ["error_code", "software_error"], Bulky: true, Electric: true);
    private static readonly DemoCategory Footwear = new("Footwear",
        ["sole_detached", "seam_failure", "wrong_size", "colour_mismatch"], ["wrong_size"]);
    private static readonly DemoCategory Tents = new("Tents",
        ["seam_failure", "leaking", "broken_part", "missing_parts"], ["missing_parts"]);

    public static readonly IReadOnlyList<DemoProduct> Products =
    [
        new("HA-0001", "Pralka EcoWash 7 kg", HomeAppliances, WashingMachines, 1899m, 6.0),
        new("HA-0002", "Washing machine AquaLine Slim 6 kg", HomeAppliances, WashingMachines, 1499m, 1.5),
        new("HA-0003", "Lodówka FrostFree 340 l", HomeAppliances, Refrigerators, 2799m, 4.5),
        new("HA-0004", "Chłodziarko-zamrażarka NordCool", HomeAppliances, Refrigerators, 3299m, 2.0),
        new("HA-0005", "Odkurzacz CycloMax 2000", HomeAppliances, VacuumCleaners, 649m, 3.0),
        new("HA-0006", "Robot vacuum Roomie S5", HomeAppliances, VacuumCleaners, 1299m, 5.5),
        new("HA-0007", "Ekspres do kawy Barista Pro", HomeAppliances, CoffeeMachines, 2199m, 2.5),
        new("HA-0008", "Coffee maker DripMate", HomeAppliances, CoffeeMachines, 249m, 0.7),

        new("EL-0001", "Smartphone Nova X2 128 GB", Electronics, Smartphones, 2499m, 9.0),
        new("EL-0002", "Smartfon Orion Lite", Electronics, Smartphones, 899m, 4.0),
        new("EL-0003", "Laptop Vector 15", Electronics, Laptops, 3999m, 6.5),
        new("EL-0004", "Notebook AirBook 13", Electronics, Laptops, 5299m, 1.2),
        new("EL-0005", "Słuchawki BassPro ANC", Electronics, Headphones, 599m, 3.5),
        new("EL-0006", "Headphones StudioOne", Electronics, Headphones, 349m, 0.8),
        new("EL-0007", "Telewizor Vista QLED 55\"", Electronics, Televisions, 3499m, 5.0),
        new("EL-0008", "TV Vista LED 43\"", Electronics, Televisions, 1599m, 2.0),

        new("FU-0001", "Sofa Oslo 3-osobowa", Furniture, Sofas, 2999m, 2.5),
        new("FU-0002", "Narożnik Bergen z funkcją spania", Furniture, Sofas, 4599m, 4.0),
        new("FU-0003", "Szafa Lund 200 cm", Furniture, Wardrobes, 1399m, 1.5),
        new("FU-0004", "Wardrobe Fjord, 2 doors", Furniture, Wardrobes, 899m, 0.6),
        new("FU-0005", "Biurko Kraków 140x70", Furniture, Desks, 749m, 1.0),
        new("FU-0006", "Desk StandUp Pro", Furniture, Desks, 1899m, 2.0),
        new("FU-0007", "Krzesło biurowe ErgoFlex", Furniture, OfficeChairs, 799m, 0.5),
        new("FU-0008", "Office chair Comfort, black", Furniture, OfficeChairs, 449m, 1.8),

        new("GA-0001", "Kosiarka spalinowa GreenCut 46", Garden, LawnMowers, 1299m, 2.0),
        new("GA-0002", "Lawn mower e-Mow 1600 W", Garden, LawnMowers, 599m, 0.8),
        new("GA-0003", "Grill gazowy Flame 3", Garden, Grills, 1799m, 1.6),
        new("GA-0004", "Charcoal grill Kettle 57 cm", Garden, Grills, 449m, 0.4),
        new("GA-0005", "Zestaw mebli ogrodowych Riviera", Garden, GardenFurniture, 2499m, 0.9),
        new("GA-0006", "Garden bench Teak 150", Garden, GardenFurniture, 899m, 0.3),
        new("GA-0007", "Zraszacz RainJet", Garden, Irrigation, 129m, 0.6),
        new("GA-0008", "Wąż ogrodowy 1/2\" 25 m", Garden, Irrigation, 159m, 1.2),

        new("SP-0001", "Rower MTB Trail 29\"", Sports, Bicycles, 3299m, 1.2),
        new("SP-0002", "City bike Comfort 28\"", Sports, Bicycles, 1899m, 0.4),
        new("SP-0003", "Bieżnia RunMaster 3000", Sports, Treadmills, 3999m, 1.0),
        new("SP-0004", "Treadmill FoldFit", Sports, Treadmills, 1999m, 0.3),
        new("SP-0005", "Buty do biegania Sprint", Sports, Footwear, 399m, 0.9),
        new("SP-0006", "Trail shoes Ridge GTX", Sports, Footwear, 549m, 0.6),
        new("SP-0007", "Namiot Campo 4-os., zielony", Sports, Tents, 699m, 0.5),
        new("SP-0008", "Tent Alpine 2P", Sports, Tents, 1199m, 0.2),
    ];
}

namespace Complaints.Demo;

/// <summary>The canonical code spellings the demo data uses (docs/feeds.md lists them for people).</summary>
internal static class DemoCodes
{
    public const string TicketingSource = "demo-ticketing";
    public const string ErpSource = "demo-erp";
    public const string SurveySource = "demo-survey";

    public static class Status
    {
        public const string New = "new";
        public const string InProgress = "in_progress";
        public const string WaitingForCustomer = "waiting_for_customer";
        public const string WaitingForExpert = "waiting_for_expert";
        public const string Resolved = "resolved";
        public const string Closed = "closed";
        public const string Rejected = "rejected";
        public const string Reopened = "reopened";

        public static readonly string[] All =
            [New, InProgress, WaitingForCustomer, WaitingForExpert, Resolved, Closed, Rejected, Reopened];
    }

    public static class Priority
    {
        public const string High = "high";
        public const string Medium = "medium";
        public const string Low = "low";
    }

    public static class ComplaintType
    {
        public const string ProductDefect = "product_defect";
        public const string Billing = "billing";
        public const string Technical = "technical";
        public const string Service = "service";
        public const string Delivery = "delivery";

        /// <summary>In the order of <see cref="DemoProductLine.TypeWeights"/>.</summary>
        public static readonly string[] All = [ProductDefect, Billing, Technical, Service, Delivery];
    }

    public static class Channel
    {
        public const string Email = "email";
        public const string Phone = "phone";
        public const string WebForm = "web_form";
        public const string Sms = "sms";
        public const string Chat = "chat";
        public const string Letter = "letter";
        public const string Marketplace = "marketplace";
    }

    public static class Expectation
    {
        public const string Refund = "refund";
        public const string Repair = "repair";
        public const string Replacement = "replacement";
        public const string PriceReduction = "price_reduction";
    }

    public static class Decision
    {
        public const string Refund = "refund";
        public const string InHouseRepair = "in_house_repair";
        public const string ContractorRepair = "contractor_repair";
        public const string ReturnToSupplier = "return_to_supplier";
        public const string Replacement = "replacement";
        public const string Rejected = "rejected";
    }

    public static class Warranty
    {
        public const string UnderWarranty = "warranty";
        public const string Statutory = "statutory";
        public const string OutOfWarranty = "out_of_warranty";
    }

    public static class Segment
    {
        public const string Vip = "vip";
        public const string Standard = "standard";
        public const string Business = "business";
    }

    public static class CostType
    {
        public const string Refund = "refund";
        public const string Repair = "repair";
        public const string Replacement = "replacement";
        public const string Logistics = "logistics";
        public const string Labour = "labour";
        public const string ExpertOpinion = "expert_opinion";
        public const string Goodwill = "goodwill";
        public const string SlaPenalty = "sla_penalty";
    }
}

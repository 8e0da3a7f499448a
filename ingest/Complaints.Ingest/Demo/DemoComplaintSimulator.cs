using System.Globalization;
using static Complaints.Ingest.Demo.DemoCodes;

namespace Complaints.Ingest.Demo;

/// <summary>
/// Simulates complaints in order of receipt, each with its status history, costs and survey, as a ticketing
/// system, an ERP and a survey tool would have recorded them by the end of <see cref="DemoDataOptions.LastDay"/>.
/// Everything is drawn from one seeded <see cref="Random"/> in a fixed order, so a seed replays exactly.
/// </summary>
internal sealed class DemoComplaintSimulator
{
    private const decimal PlnPerEur = 4.30m;

    private static readonly (string, double)[] OfficeHourChannels =
    [
        (Channel.Email, 0.28), (Channel.WebForm, 0.24), (Channel.Phone, 0.20), (Channel.Marketplace, 0.10),
        (Channel.Chat, 0.08), (Channel.Sms, 0.04), (Channel.Letter, 0.06),
    ];

    private static readonly (string, double)[] AfterHourChannels =
    [
        (Channel.Email, 0.35), (Channel.WebForm, 0.35), (Channel.Marketplace, 0.15), (Channel.Chat, 0.10), (Channel.Sms, 0.05),
    ];

    private static readonly string[] ContactCentreAgents = ["h.rak", "l.gil", "w.kos"];

    private readonly DemoDataOptions _options;
    private readonly WarsawClock _clock;
    private readonly Random _random;
    private readonly DemoText _text = new();
    private readonly DemoComplaint _complaint = new();
    private readonly List<(string Type, double Amount)> _pendingCosts = new(6);
    private readonly double[][] _productWeightsByMonth;
    private readonly int _customerPool;

    public DemoComplaintSimulator(DemoDataOptions options, WarsawClock clock)
    {
        _options = options;
        _clock = clock;
        _random = new Random(options.Seed);
        FirstDay = options.LastDay.AddYears(-options.Years).AddDays(1);
        End = clock.ToUtc(options.LastDay.AddDays(1), TimeSpan.Zero);
        _customerPool = Math.Max(100, options.Complaints / 2);
        _productWeightsByMonth = Enumerable.Range(0, 12)
            .Select(month => DemoCatalog.Products.Select(p => p.Weight * p.Line.Season[month]).ToArray())
            .ToArray();
    }

    public DateOnly FirstDay { get; }

    /// <summary>The end of the last day: nothing in the files happens at or after it.</summary>
    public DateTime End { get; }

    /// <summary>Yields the complaints oldest first. The same instance is refilled each time: use it before moving on.</summary>
    public IEnumerable<DemoComplaint> Run()
    {
        var dayCount = _options.LastDay.DayNumber - FirstDay.DayNumber + 1;
        var cumulative = CumulativeDayWeights(dayCount);
        var total = cumulative[dayCount];
        var number = 0;
        var secondsOfDay = Array.Empty<int>();

        for (var d = 0; d < dayCount; d++)
        {
            // Rounding the running total (not each day) makes the day counts add up to exactly Complaints.
            var before = (int)Math.Round(cumulative[d] / total * _options.Complaints, MidpointRounding.AwayFromZero);
            var after = (int)Math.Round(cumulative[d + 1] / total * _options.Complaints, MidpointRounding.AwayFromZero);
            var count = after - before;
            if (count == 0)
                continue;

            if (secondsOfDay.Length < count)
                secondsOfDay = new int[Math.Max(count, secondsOfDay.Length * 2)];
            for (var i = 0; i < count; i++)
                secondsOfDay[i] = _random.Chance(0.8) ? _random.Next(8 * 3600, 18 * 3600) : _random.Next(6 * 3600, 24 * 3600);
            Array.Sort(secondsOfDay, 0, count);

            var day = FirstDay.AddDays(d);
            for (var i = 0; i < count; i++)
            {
                Simulate(++number, day, secondsOfDay[i]);
                yield return _complaint;
            }
        }
    }

    /// <summary>Volume grows over the period, peaks on Mondays, dips at weekends and follows the product lines' seasons.</summary>
    private double[] CumulativeDayWeights(int dayCount)
    {
        var lineWeights = DemoCatalog.Lines
            .Select(line => DemoCatalog.Products.Where(p => p.Line == line).Sum(p => p.Weight))
            .ToArray();
        var monthWeights = new double[12];
        for (var month = 0; month < 12; month++)
        {
            for (var l = 0; l < lineWeights.Length; l++)
                monthWeights[month] += lineWeights[l] * DemoCatalog.Lines[l].Season[month];
        }

        double[] weekdayWeights = [0.45, 1.25, 1.15, 1.1, 1.05, 1.0, 0.6]; // Sunday first, as DayOfWeek counts
        var cumulative = new double[dayCount + 1];
        for (var d = 0; d < dayCount; d++)
        {
            var day = FirstDay.AddDays(d);
            var trend = dayCount == 1 ? 1.0 : 0.75 + 0.5 * d / (dayCount - 1);
            cumulative[d + 1] = cumulative[d] + trend * weekdayWeights[(int)day.DayOfWeek] * monthWeights[day.Month - 1];
        }
        return cumulative;
    }

    private void Simulate(int number, DateOnly day, int secondOfDay)
    {
        var c = _complaint;
        c.ExternalId = "C-" + number.ToString("D7", CultureInfo.InvariantCulture);
        c.ReceivedAt = _clock.ToUtc(day, TimeSpan.FromSeconds(secondOfDay));

        var product = DemoCatalog.Products[_random.PickWeighted(_productWeightsByMonth[day.Month - 1])];
        var customer = DemoCustomers.Get(_options.Seed, PickCustomerNumber());
        c.Product = product;
        c.Customer = customer;
        c.Type = ComplaintType.All[_random.PickWeighted(product.Line.TypeWeights)];
        c.DefectCategory = _random.Pick(c.Type switch
        {
            ComplaintType.ProductDefect => product.Category.Defects,
            ComplaintType.Technical => product.Category.TechnicalDefects,
            ComplaintType.Delivery => DemoCatalog.DeliveryDefects,
            ComplaintType.Billing => DemoCatalog.BillingDefects,
            _ => DemoCatalog.ServiceDefects,
        });

        var inOfficeHours = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            && secondOfDay is >= 8 * 3600 and < 18 * 3600;
        c.Channel = _random.PickWeighted(inOfficeHours ? OfficeHourChannels : AfterHourChannels);
        c.Priority = PickPriority(customer.Segment);

        var (team, handlers) = c.Type switch
        {
            ComplaintType.Billing => (DemoCatalog.BillingTeam, DemoCatalog.BillingHandlers),
            ComplaintType.Delivery => (DemoCatalog.LogisticsTeam, DemoCatalog.LogisticsHandlers),
            _ => (product.Line.Team, product.Line.Handlers),
        };
        c.Team = team;
        var handler = _random.Pick(handlers);
        c.RegisteredBy = c.Channel switch
        {
            Channel.Email => "mail-intake",
            Channel.WebForm => "web-portal",
            Channel.Marketplace => "marketplace-sync",
            Channel.Sms => "sms-gateway",
            Channel.Chat => "chat-bot",
            _ => _random.Pick(ContactCentreAgents),
        };

        FillPurchase(c, day);
        c.Expectation = PickExpectation(c.Type);
        c.Description = _text.Description(_random, customer.WritesPolish, product,
            aboutTheProduct: c.Type is ComplaintType.ProductDefect or ComplaintType.Technical,
            c.DefectCategory, c.Expectation, customer.FirstName, brief: c.Channel is Channel.Sms or Channel.Chat);

        var lifecycle = SimulateLifecycle(c, product.Line, handler);
        c.Decision = c.ResolvedAt is null ? null : lifecycle.SettledAsRejected ? Decision.Rejected : PickDecision(c);
        c.Handler = c.Status == Status.New ? null : handler;

        c.Costs.Clear();
        if (c.ResolvedAt is { } resolvedAt)
            AddCosts(c, resolvedAt, lifecycle.WaitedForExpert);
        c.Survey = c.ResolvedAt is { } resolved && _random.Chance(0.35) ? Survey(c, resolved, lifecycle.Reopened) : null;
    }

    private int PickCustomerNumber()
    {
        // Most customers complain once or twice; a quarter of complaints come from a small group of regulars.
        var index = _random.Chance(0.75) ? _random.Next(_customerPool) : (int)(_customerPool * _random.Skewed(2));
        return index + 1;
    }

    private string PickPriority(string segment)
    {
        var roll = _random.NextDouble();
        var (high, medium) = segment switch
        {
            Segment.Vip => (0.45, 0.90),
            Segment.Business => (0.25, 0.80),
            _ => (0.10, 0.65),
        };
        return roll < high ? Priority.High : roll < medium ? Priority.Medium : Priority.Low;
    }

    private void FillPurchase(DemoComplaint c, DateOnly receivedDay)
    {
        var purchaseAge = c.Type switch
        {
            ComplaintType.Delivery => _random.Next(1, 22),
            ComplaintType.Billing => _random.Next(1, 61),
            _ => 5 + (int)(1000 * _random.Skewed(2)),
        };
        var purchased = receivedDay.AddDays(-purchaseAge);
        c.Warranty = purchaseAge < 365
            ? (_random.Chance(0.2) ? Warranty.Statutory : Warranty.UnderWarranty)
            : purchaseAge < 730 ? Warranty.Statutory : Warranty.OutOfWarranty;

        var roll = _random.NextDouble();
        c.Quantity = c.Type == ComplaintType.Billing || roll < 0.80 ? 1 : roll < 0.95 ? _random.Next(2, 5) : null;

        var year = purchased.Year.ToString(CultureInfo.InvariantCulture);
        var orderSerial = _random.Next(1, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        c.OrderNumber = c.Channel switch
        {
            Channel.Marketplace => $"MP-{year}-{orderSerial}",
            Channel.Letter when _random.Chance(0.5) => null,
            _ => $"ZAM/{year}/{orderSerial}",
        };

        if (_random.Chance(0.1))
        {
            // Bought on a till receipt: no invoice to quote.
            c.InvoiceNumber = null;
            c.InvoiceDate = null;
        }
        else
        {
            c.InvoiceNumber = string.Create(CultureInfo.InvariantCulture, $"FV/{purchased.Year}/{purchased.Month:D2}/{_random.Next(1, 100_000):D5}");
            c.InvoiceDate = purchased;
        }
    }

    private string PickExpectation(string type)
    {
        var roll = _random.NextDouble();
        return type switch
        {
            ComplaintType.Billing => roll < 0.8 ? Expectation.Refund : Expectation.PriceReduction,
            ComplaintType.Delivery => roll < 0.4 ? Expectation.Replacement : roll < 0.8 ? Expectation.Refund : Expectation.PriceReduction,
            ComplaintType.Service => roll < 0.4 ? Expectation.PriceReduction : roll < 0.7 ? Expectation.Refund : Expectation.Repair,
            ComplaintType.Technical => roll < 0.6 ? Expectation.Repair : roll < 0.85 ? Expectation.Replacement : Expectation.Refund,
            _ => roll < 0.35 ? Expectation.Repair : roll < 0.65 ? Expectation.Replacement : roll < 0.9 ? Expectation.Refund : Expectation.PriceReduction,
        };
    }

    private string PickDecision(DemoComplaint c)
    {
        var roll = _random.NextDouble();
        if (c.Type == ComplaintType.Billing)
            return Decision.Refund;
        return c.Expectation switch
        {
            Expectation.Refund => roll < 0.85 ? Decision.Refund : Decision.Replacement,
            Expectation.PriceReduction => Decision.Refund,
            Expectation.Replacement => roll < 0.70 ? Decision.Replacement : roll < 0.85 ? Decision.ReturnToSupplier : Decision.Refund,
            _ when c.Warranty == Warranty.OutOfWarranty => roll < 0.6 ? Decision.ContractorRepair : Decision.InHouseRepair,
            _ => roll < 0.55 ? Decision.InHouseRepair : roll < 0.85 ? Decision.ContractorRepair : Decision.ReturnToSupplier,
        };
    }

    private readonly record struct Lifecycle(bool WaitedForExpert, bool Reopened, bool SettledAsRejected);

    /// <summary>
    /// Plays the case through to its close, then keeps only what had happened by the end of the last day:
    /// recent complaints are therefore often still open. The row's dates are read back from that history.
    /// </summary>
    private Lifecycle SimulateLifecycle(DemoComplaint c, DemoProductLine line, string handler)
    {
        var history = c.History;
        history.Clear();
        var t = c.ReceivedAt;
        history.Add(new(t, Status.New, c.RegisteredBy));

        var responseHours = c.Priority switch
        {
            Priority.High => 0.3 + 6 * _random.Skewed(),
            Priority.Medium => 1 + 30 * _random.Skewed(),
            _ => 3 + 70 * _random.Skewed(),
        };
        t = AtOffice(t + TimeSpan.FromHours(responseHours));
        history.Add(new(t, Status.InProgress, handler));

        var workDays = line.HandlingDays
            * c.Priority switch { Priority.High => 0.55, Priority.Medium => 1.0, _ => 1.3 }
            * c.Type switch
            {
                ComplaintType.Billing => 0.5,
                ComplaintType.Delivery => 0.6,
                ComplaintType.Service => 0.7,
                ComplaintType.Technical => 0.9,
                _ => 1.1,
            }
            * c.Customer.Segment switch { Segment.Vip => 0.7, Segment.Business => 0.9, _ => 1.0 }
            * (0.35 + 1.0 * _random.NextDouble() + 1.6 * _random.Skewed(4));
        var firstShare = _random.Between(0.2, 0.5);
        var waitsForCustomer = _random.Chance(0.22);
        var waitsForExpert = c.Type is ComplaintType.ProductDefect or ComplaintType.Technical && _random.Chance(line.ExpertShare);

        t = AtOffice(t + TimeSpan.FromDays(workDays * firstShare));
        if (waitsForCustomer)
        {
            history.Add(new(t, Status.WaitingForCustomer, handler));
            t += TimeSpan.FromDays(0.3 + 10 * _random.Skewed());
            history.Add(new(t, Status.InProgress, "customer"));
        }
        if (waitsForExpert)
        {
            t = AtOffice(t + TimeSpan.FromDays(_random.Between(0.2, 2)));
            history.Add(new(t, Status.WaitingForExpert, handler));
            t = AtOffice(t + TimeSpan.FromDays(2 + 14 * _random.Skewed()));
            history.Add(new(t, Status.InProgress, handler));
        }
        t = AtOffice(t + TimeSpan.FromDays(workDays * (1 - firstShare)));

        var rejectionChance = c.Warranty == Warranty.OutOfWarranty ? 0.35
            : c.Type == ComplaintType.Billing ? 0.12
            : c.Type == ComplaintType.Delivery ? 0.03
            : c.Warranty == Warranty.Statutory ? 0.10
            : 0.07;
        var rejected = _random.Chance(rejectionChance);
        history.Add(new(t, rejected ? Status.Rejected : Status.Resolved, handler));

        var reopened = _random.Chance(rejected ? 0.12 : 0.04);
        if (reopened)
        {
            var closeAfter = TimeSpan.FromDays(_random.Between(5, 14));
            var reopenAfter = TimeSpan.FromDays(1 + 25 * _random.Skewed());
            if (closeAfter < reopenAfter)
                history.Add(new(t + closeAfter, Status.Closed, "system"));
            t += reopenAfter;
            history.Add(new(t, Status.Reopened, "customer"));
            t = AtOffice(t + TimeSpan.FromHours(_random.Between(1, 30)));
            history.Add(new(t, Status.InProgress, handler));
            t = AtOffice(t + TimeSpan.FromDays(_random.Between(1, 12)));
            rejected = rejected && _random.Chance(0.5); // half of the appeals against a rejection succeed
            history.Add(new(t, rejected ? Status.Rejected : Status.Resolved, handler));
        }
        history.Add(new(t + TimeSpan.FromDays(_random.Between(5, 14)), Status.Closed, "system"));

        var happened = history.FindIndex(e => e.At >= End);
        if (happened >= 0)
            history.RemoveRange(happened, history.Count - happened);

        var last = history[^1];
        c.Status = last.Status;
        c.UpdatedAt = last.At;
        c.FirstResponseAt = history.Count > 1 ? history[1].At : null;
        var firstOutcome = history.FindIndex(e => e.Status is Status.Resolved or Status.Rejected);
        c.AnsweredAt = firstOutcome >= 0 ? history[firstOutcome].At : null;
        var lastOutcome = history.FindLast(e => e.Status is Status.Resolved or Status.Rejected);
        var settled = last.Status is Status.Resolved or Status.Rejected or Status.Closed;
        c.ResolvedAt = settled ? lastOutcome.At : null;
        c.ClosedAt = last.Status == Status.Closed ? last.At : null;
        return new Lifecycle(
            WaitedForExpert: history.Exists(e => e.Status == Status.WaitingForExpert),
            Reopened: reopened,
            SettledAsRejected: settled && lastOutcome.Status == Status.Rejected);
    }

    private DateTime AtOffice(DateTime utc) => _clock.DuringOfficeHours(utc, _random);

    private void AddCosts(DemoComplaint c, DateTime resolvedAt, bool waitedForExpert)
    {
        var price = (double)c.Product.Price * (c.Quantity ?? 1);
        var logistics = c.Product.Category.Bulky ? _random.Between(120, 450) : _random.Between(15, 45);
        var pending = _pendingCosts;
        pending.Clear();

        switch (c.Decision)
        {
            case Decision.Refund:
                var refund = c.Expectation == Expectation.PriceReduction ? price * _random.Between(0.1, 0.3)
                    : c.Type == ComplaintType.Billing ? _random.Between(20, 400)
                    : price * _random.Between(0.9, 1.0);
                pending.Add((CostType.Refund, refund));
                if (c.Type != ComplaintType.Billing && _random.Chance(0.6))
                    pending.Add((CostType.Logistics, logistics));
                break;
            case Decision.InHouseRepair:
                pending.Add((CostType.Repair, price * _random.Between(0.03, 0.15)));
                pending.Add((CostType.Labour, _random.Between(80, 350)));
                if (_random.Chance(0.5))
                    pending.Add((CostType.Logistics, logistics));
                break;
            case Decision.ContractorRepair:
                pending.Add((CostType.Repair, price * _random.Between(0.1, 0.35)));
                if (_random.Chance(0.7))
                    pending.Add((CostType.Logistics, logistics));
                break;
            case Decision.ReturnToSupplier:
                pending.Add((CostType.Logistics, logistics));
                break;
            case Decision.Replacement:
                pending.Add((CostType.Replacement, price * _random.Between(0.6, 0.85)));
                if (_random.Chance(0.8))
                    pending.Add((CostType.Logistics, logistics));
                break;
        }
        if (waitedForExpert && (c.Decision == Decision.Rejected || _random.Chance(0.5)))
            pending.Insert(0, (CostType.ExpertOpinion, _random.Between(150, 600)));
        if (c.Customer.Segment == Segment.Vip && _random.Chance(0.3))
            pending.Add((CostType.Goodwill, _random.Between(50, 300)));
        if (c.Customer.Segment != Segment.Standard && (resolvedAt - c.ReceivedAt).TotalDays > 14 && _random.Chance(0.5))
            pending.Add((CostType.SlaPenalty, _random.Between(100, 500)));
        if (c.Decision != Decision.Rejected && _random.Chance(0.08))
            pending.Clear(); // settled by the supplier or a voucher outside the ERP: nothing booked

        var euro = c.Customer.Country != "PL";
        var resolvedDay = _clock.LocalDay(resolvedAt);
        foreach (var (type, amountPln) in pending.Take(3))
        {
            var bookedOn = resolvedDay.AddDays(_random.Next(0, 13));
            if (bookedOn > _options.LastDay)
                continue; // not booked yet
            var amount = (decimal)amountPln;
            if (euro)
                amount /= PlnPerEur;
            amount = Math.Round(amount, 2, MidpointRounding.AwayFromZero);

            // The ERP exports its bookings in an evening batch.
            var exportedAt = _clock.ToUtc(bookedOn, TimeSpan.FromHours(20) + TimeSpan.FromMinutes(_random.Next(0, 90)));
            if (exportedAt < resolvedAt)
                exportedAt = resolvedAt + TimeSpan.FromHours(1);
            c.Costs.Add(new(type, Math.Max(amount, 0.01m), euro ? "EUR" : "PLN", bookedOn, exportedAt));
        }
    }

    private DemoSurvey? Survey(DemoComplaint c, DateTime resolvedAt, bool reopened)
    {
        var answeredAt = resolvedAt + TimeSpan.FromHours(2 + 240 * _random.Skewed());
        var handlingDays = (resolvedAt - c.ReceivedAt).TotalDays;
        var mood = 4.75 - 0.07 * handlingDays
            - (c.Decision == Decision.Rejected ? 1.6 : 0)
            - (reopened ? 0.8 : 0)
            + _random.Between(-0.9, 0.9);
        int? csat = _random.Chance(0.04) ? null : (int)Math.Clamp(Math.Round(mood, MidpointRounding.AwayFromZero), 1, 5);
        int? nps = _random.Chance(0.08) ? null
            : (int)Math.Clamp(Math.Round((mood - 1) * 2.5 + _random.Between(-1.5, 1.5), MidpointRounding.AwayFromZero), 0, 10);
        var comment = DemoText.SurveyComment(_random, c.Customer.WritesPolish, csat ?? (int)Math.Clamp(Math.Round(mood), 1, 5));
        return answeredAt < End ? new DemoSurvey(answeredAt, csat, nps, comment) : null;
    }
}

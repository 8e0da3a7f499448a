using System.Globalization;
using static Complaints.Demo.DemoCodes;

namespace Complaints.Demo;

/// <summary>
/// Simulates complaints in order of receipt, each with its status history, costs and survey, as a ticketing
/// system, an ERP and a survey tool would have recorded them by the end of <see cref="DemoDataOptions.LastDay"/>.
/// Everything is drawn from one seeded <see cref="Random"/> in a fixed order, so a seed replays exactly.
/// </summary>
internal sealed class DemoComplaintSimulator
{
    private const decimal PlnPerEur = 4.30m;

    /// <summary>The channels in the order their mixes and hour profiles below are listed.</summary>
    private static readonly string[] Channels =
        [Channel.Email, Channel.WebForm, Channel.Phone, Channel.Marketplace, Channel.Chat, Channel.Sms, Channel.Letter];

    private static readonly double[] WeekdayChannelMix = [0.27, 0.22, 0.24, 0.09, 0.09, 0.04, 0.05];

    /// <summary>Nobody answers the phone and no post is opened at the weekend; people write instead.</summary>
    private static readonly double[] WeekendChannelMix = [0.36, 0.36, 0, 0.16, 0.08, 0.04, 0];

    /// <summary>When each channel's complaints arrive, by hour of the Warsaw day (0–23), in the order of <see cref="Channels"/>.</summary>
    private static readonly double[][] HourProfiles =
    [
        OnlineHours(), OnlineHours(),
        Hours((8, 18, 1.0), (12, 13, 0.8)),
        OnlineHours(),
        Hours((0, 24, 0.04), (8, 22, 1.0)),
        Hours((0, 24, 0.1), (7, 23, 1.0)),
        Hours((9, 15, 1.0)),
    ];

    private static readonly string[] ContactCentreAgents = ["h.rak", "l.gil", "w.kos"];

    /// <summary>Events of one complaint are at least this far apart, so they stay in order at the files' one-second precision.</summary>
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMinutes(1);

    private readonly DemoDataOptions _options;
    private readonly WarsawClock _clock;
    private readonly Random _random;
    private readonly DemoText _text = new();
    private readonly DemoComplaint _complaint = new();
    private readonly List<(string Type, double Amount)> _pendingCosts = new(6);
    private readonly double[][] _productWeightsByMonth;
    private readonly int _customerPool;
    private readonly int _dayCount;
    private readonly int[] _complaintsPerDay;
    private readonly DemoBacklog _backlog = new();
    private readonly double[] _plantShares;
    private readonly DemoDefectPlan[] _plantedToday;
    private int _activePlans;

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
        _dayCount = options.LastDay.DayNumber - FirstDay.DayNumber + 1;
        _complaintsPerDay = ComplaintsPerDay();
        BacklogUnit = DemoSlaModel.BacklogUnit(options.Complaints, _dayCount);
        DefectPlans = PlanDefects();
        _plantShares = new double[DefectPlans.Count];
        _plantedToday = new DemoDefectPlan[DefectPlans.Count];
    }

    public DateOnly FirstDay { get; }

    /// <summary>The end of the last day: nothing in the files happens at or after it.</summary>
    public DateTime End { get; }

    public int BacklogUnit { get; }

    public IReadOnlyList<DemoDefectPlan> DefectPlans { get; }

    /// <summary>Complaints whose 14-day deadline passed before the end, so their breach is known from the files.</summary>
    public long DeadlinePassed { get; private set; }

    /// <summary>Of <see cref="DeadlinePassed"/>, those answered late or not at all.</summary>
    public long Breached { get; private set; }

    /// <summary>Complaints with a <c>reopened</c> event by the end.</summary>
    public long Reopened { get; private set; }

    /// <summary>Status events entered after the fact (their updated_at later than occurred_at).</summary>
    public long LateStatusEvents { get; private set; }

    /// <summary>Yields the complaints oldest first. The same instance is refilled each time: use it before moving on.</summary>
    /// <summary>Complaints planned per calendar month (a month is its first day), before any complaint is simulated.</summary>
    public IEnumerable<(DateOnly Month, int Complaints)> ComplaintsPerMonth() =>
        Enumerable.Range(0, _dayCount)
            .GroupBy(d => FirstDayOfMonth(FirstDay.AddDays(d)))
            .Select(month => (month.Key, month.Sum(d => _complaintsPerDay[d])));

    /// <summary>A product's share of the complaints on a day without the planted defects: its popularity and its line's season.</summary>
    public double NaturalShare(DemoProduct product, DateOnly day)
    {
        var weights = _productWeightsByMonth[day.Month - 1];
        return weights[IndexOf(product)] / weights.Sum();
    }

    private static DateOnly FirstDayOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    public IEnumerable<DemoComplaint> Run()
    {
        var number = 0;
        var secondsOfDay = Array.Empty<int>();
        var channels = Array.Empty<int>();

        for (var d = 0; d < _dayCount; d++)
        {
            var count = _complaintsPerDay[d];
            if (count == 0)
                continue;

            var day = FirstDay.AddDays(d);
            if (secondsOfDay.Length < count)
            {
                secondsOfDay = new int[Math.Max(count, secondsOfDay.Length * 2)];
                channels = new int[secondsOfDay.Length];
            }
            var mix = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? WeekendChannelMix : WeekdayChannelMix;
            for (var i = 0; i < count; i++)
            {
                channels[i] = _random.PickWeighted(mix);
                secondsOfDay[i] = _random.PickWeighted(HourProfiles[channels[i]]) * 3600 + _random.Next(3600);
            }
            Array.Sort(secondsOfDay, channels, 0, count);
            PrepareDefectsFor(d);

            for (var i = 0; i < count; i++)
            {
                Simulate(++number, day, secondsOfDay[i], Channels[channels[i]]);
                yield return _complaint;
            }
        }
    }

    private static double[] Hours(params (int From, int To, double Weight)[] spans)
    {
        var hours = new double[24];
        foreach (var (from, to, weight) in spans)
        {
            for (var h = from; h < to; h++)
                hours[h] = weight;
        }
        return hours;
    }

    /// <summary>E-mail, web forms and marketplaces never close: quiet at night, busiest in the evening after work.</summary>
    private static double[] OnlineHours() => Hours((0, 24, 0.25), (6, 8, 0.5), (8, 18, 1.0), (18, 23, 1.3), (23, 24, 0.6));

    /// <summary>
    /// Complaints per received day. Rounding the running total (not each day) makes the counts add up to exactly
    /// Complaints. Computed up front because the planted defects' expected rates are read from them.
    /// </summary>
    private int[] ComplaintsPerDay()
    {
        var cumulative = CumulativeDayWeights(_dayCount);
        var total = cumulative[_dayCount];
        var counts = new int[_dayCount];
        for (var d = 0; d < _dayCount; d++)
        {
            var before = (int)Math.Round(cumulative[d] / total * _options.Complaints, MidpointRounding.AwayFromZero);
            var after = (int)Math.Round(cumulative[d + 1] / total * _options.Complaints, MidpointRounding.AwayFromZero);
            counts[d] = after - before;
        }
        return counts;
    }

    /// <summary>Volume grows over the period, peaks on Mondays, dips at weekends, follows the product lines' seasons and peaks in December.</summary>
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
            monthWeights[month] *= DemoCatalog.RetailSeason[month];
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

    /// <summary>The chance that a complaint picked the usual way is about the product and category, on each day.</summary>
    private double NaturalShare(DemoRecurringDefect defect, int dayIndex) =>
        NaturalShare(defect.Product, FirstDay.AddDays(dayIndex)) * DemoRecurringDefects.CategoryShare(defect.Product, defect.DefectCategory);

    private static int IndexOf(DemoProduct product)
    {
        for (var i = 0; i < DemoCatalog.Products.Count; i++)
        {
            if (DemoCatalog.Products[i] == product)
                return i;
        }
        throw new ArgumentException($"{product.Sku} is not in the catalogue.", nameof(product));
    }

    /// <summary>Places each defect's onset in the range and works out its expected weekly counts before and after it.</summary>
    private DemoDefectPlan[] PlanDefects()
    {
        var plans = new DemoDefectPlan[DemoRecurringDefects.All.Count];
        for (var i = 0; i < plans.Length; i++)
        {
            var defect = DemoRecurringDefects.All[i];
            var onsetIndex = Math.Clamp((int)Math.Round(defect.OnsetShare * _dayCount, MidpointRounding.AwayFromZero), 1, _dayCount - 1);
            var plan = new DemoDefectPlan(defect, FirstDay.AddDays(onsetIndex), onsetIndex);
            double before = 0, after = 0;
            for (var d = 0; d < _dayCount; d++)
            {
                var expected = _complaintsPerDay[d] * NaturalShare(defect, d);
                if (d < onsetIndex)
                    before += expected;
                else
                    after += expected;
            }
            plan.BaselineWeeklyBefore = 7 * before / onsetIndex;
            plan.BaselineWeeklyAfter = 7 * after / (_dayCount - onsetIndex);

            // The stated multiple compares the weeks after the onset with the weeks before, as someone looking at
            // the counts would. The business grows and seasons move, so the rate is raised by whatever factor
            // over "what it would have been" makes that true (never below 1: a defect does not lower complaints).
            plan.MultipleOfCounterfactual = plan.BaselineWeeklyAfter > 0
                ? Math.Max(1.0, defect.Multiple * plan.BaselineWeeklyBefore / plan.BaselineWeeklyAfter)
                : defect.Multiple;
            plan.ExpectedWeeklyAfter = plan.BaselineWeeklyAfter * plan.MultipleOfCounterfactual;
            plans[i] = plan;
        }
        return plans;
    }

    /// <summary>
    /// Sets, for the defects active on the day, the chance that a complaint is turned into one of theirs. With
    /// natural shares π and multiples m (of the counterfactual), turning a share q_i = π_i (m_i − 1 + Q) of complaints (Q = Σ q) makes each
    /// defect's expected count exactly m_i times what it would have been, whatever the others do.
    /// </summary>
    private void PrepareDefectsFor(int dayIndex)
    {
        _activePlans = 0;
        double sumShares = 0, sumExcess = 0;
        foreach (var plan in DefectPlans)
        {
            if (dayIndex < plan.OnsetDayIndex)
                continue;
            var share = NaturalShare(plan.Defect, dayIndex);
            _plantedToday[_activePlans] = plan;
            _plantShares[_activePlans++] = share;
            sumShares += share;
            sumExcess += share * (plan.MultipleOfCounterfactual - 1);
        }
        var turned = sumExcess / (1 - sumShares);
        for (var i = 0; i < _activePlans; i++)
            _plantShares[i] *= _plantedToday[i].MultipleOfCounterfactual - 1 + turned;
    }

    /// <summary>Decides whether this complaint becomes one of today's planted defects, and which.</summary>
    private DemoDefectPlan? PickPlanted()
    {
        if (_activePlans == 0)
            return null;
        var roll = _random.NextDouble();
        for (var i = 0; i < _activePlans; i++)
        {
            roll -= _plantShares[i];
            if (roll < 0)
                return _plantedToday[i];
        }
        return null;
    }

    private void Simulate(int number, DateOnly day, int secondOfDay, string channel)
    {
        var c = _complaint;
        c.ExternalId = "C-" + number.ToString("D7", CultureInfo.InvariantCulture);
        c.ReceivedAt = _clock.ToUtc(day, TimeSpan.FromSeconds(secondOfDay));
        var openAtReceipt = _backlog.OpenAt(c.ReceivedAt);

        var product = DemoCatalog.Products[_random.PickWeighted(_productWeightsByMonth[day.Month - 1])];
        var customer = DemoCustomers.Get(_options.Seed, PickCustomerNumber());
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
        var planted = PickPlanted();
        if (planted is not null)
        {
            product = planted.Defect.Product;
            c.Type = ComplaintType.ProductDefect;
            c.DefectCategory = planted.Defect.DefectCategory;
        }
        c.Product = product;

        c.Channel = channel;
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
            c.DefectCategory, c.Expectation, customer.FirstName, brief: c.Channel is Channel.Sms or Channel.Chat, planted?.Defect);
        if (planted is not null)
            CountPlanted(planted, c.Description, customer.WritesPolish);

        var lifecycle = SimulateLifecycle(c, product.Line, handler, openAtReceipt);
        c.Decision = c.ResolvedAt is null ? null : lifecycle.SettledAsRejected ? Decision.Rejected : PickDecision(c);
        c.Handler = c.Status == Status.New ? null : handler;

        c.Costs.Clear();
        if (c.ResolvedAt is { } resolvedAt)
            AddCosts(c, resolvedAt, lifecycle.WaitedForExpert);
        c.Survey = c.ResolvedAt is { } resolved && _random.Chance(0.35) ? Survey(c, resolved, lifecycle.Reopened) : null;
    }

    private static void CountPlanted(DemoDefectPlan plan, string description, bool polish)
    {
        plan.Planted++;
        foreach (var phrase in plan.Defect.KeyPhrases[polish ? "pl" : "en"])
        {
            if (description.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                plan.PlantedWithKeyPhrase++;
                return;
            }
        }
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
    /// Whether the first answer misses the 14-day deadline is drawn first, from the planted breach model; the
    /// handling steps are then laid out between receipt and that answer.
    /// </summary>
    private Lifecycle SimulateLifecycle(DemoComplaint c, DemoProductLine line, string handler, int openAtReceipt)
    {
        var history = c.History;
        history.Clear();
        var received = c.ReceivedAt;
        history.Add(new(received, Status.New, c.RegisteredBy));

        // A long queue slows everything down: a usual backlog (one unit) gives the usual pace, three units 30% slower.
        var load = Math.Min(3.0, (double)openAtReceipt / BacklogUnit);
        var slowdown = 0.85 + 0.15 * load;

        var responseHours = slowdown * c.Priority switch
        {
            Priority.High => 0.3 + 6 * _random.Skewed(),
            Priority.Medium => 1 + 30 * _random.Skewed(),
            _ => 3 + 70 * _random.Skewed(),
        };
        var firstResponse = AtOffice(received + TimeSpan.FromHours(responseHours));
        history.Add(new(firstResponse, Status.InProgress, handler));

        var workDays = slowdown * line.HandlingDays
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
        var waitsForCustomer = _random.Chance(0.22);
        var customerDays = waitsForCustomer ? 0.3 + 10 * _random.Skewed() : 0;
        var waitsForExpert = c.Type is ComplaintType.ProductDefect or ComplaintType.Technical && _random.Chance(line.ExpertShare);
        var expertDays = waitsForExpert ? 2 + 14 * _random.Skewed() : 0;

        var breachChance = DemoSlaModel.Probability(line.Name, c.Channel, c.Customer.Segment, openAtReceipt, BacklogUnit);
        var breach = _random.Chance(breachChance);
        DateTime answer;
        if (breach)
        {
            answer = AtOffice(received + TimeSpan.FromDays(DemoSlaModel.DeadlineDays + 0.25 + 20 * _random.Skewed(2)));
        }
        else
        {
            // Kept under 10.5 days so that moving the answer into office hours (at most a weekend) still leaves
            // it clearly inside the deadline: no answer falls within hours of it, so "14 days" read as 336 hours
            // or as 14 calendar days in Warsaw labels every complaint the same.
            var days = (firstResponse - received).TotalDays + workDays + customerDays + expertDays;
            if (days > 10.5)
                days = 10.5 - 6 * _random.Skewed(2);
            answer = AtOffice(received + TimeSpan.FromDays(days));
            var soonestAnswer = AtOffice(firstResponse + TimeSpan.FromHours(_random.Between(1, 4)));
            if (answer < soonestAnswer)
                answer = soonestAnswer;
        }
        _backlog.Add(answer);
        if (received + TimeSpan.FromDays(DemoSlaModel.DeadlineDays) < End)
        {
            DeadlinePassed++;
            if (breach)
                Breached++;
        }

        // Waits go between the first response and the answer; a wait that does not fit before the answer is left out.
        var t = firstResponse;
        if (waitsForCustomer)
        {
            var span = answer - t;
            var asked = AtOffice(t + span * _random.Between(0.1, 0.35));
            var replied = asked + span * _random.Between(0.1, 0.3);
            if (asked > t + MinimumGap && replied < answer - MinimumGap)
            {
                history.Add(new(asked, Status.WaitingForCustomer, handler));
                history.Add(new(replied, Status.InProgress, "customer"));
                t = replied;
            }
        }
        if (waitsForExpert)
        {
            var span = answer - t;
            var sent = AtOffice(t + span * _random.Between(0.05, 0.2));
            var back = AtOffice(sent + (answer - sent) * _random.Between(0.3, 0.7));
            if (sent > t + MinimumGap && back > sent + MinimumGap && back < answer - MinimumGap)
            {
                history.Add(new(sent, Status.WaitingForExpert, handler));
                history.Add(new(back, Status.InProgress, handler));
            }
        }

        var rejectionChance = c.Warranty == Warranty.OutOfWarranty ? 0.35
            : c.Type == ComplaintType.Billing ? 0.12
            : c.Type == ComplaintType.Delivery ? 0.03
            : c.Warranty == Warranty.Statutory ? 0.10
            : 0.07;
        var rejected = _random.Chance(rejectionChance);
        t = answer;
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
        if (reopened && history.Exists(e => e.Status == Status.Reopened))
            Reopened++;
        EnterSomeChangeLate(history);

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

    /// <summary>
    /// Now and then a handler records a status change after the fact (a call noted down the next day): the event
    /// keeps the time it happened but reaches the system later, after the next change or after the complaint's
    /// last update. Never after the end of the last day, which the files are as of.
    /// </summary>
    private void EnterSomeChangeLate(List<DemoStatusChange> history)
    {
        if (history.Count < 3 || !_random.Chance(0.03))
            return;
        var k = _random.Next(1, history.Count);
        var change = history[k];
        var after = k + 1 < history.Count ? history[k + 1].At : change.At;
        var entered = after + TimeSpan.FromHours(_random.Between(1, 72));
        var latest = End - MinimumGap;
        if (entered > latest)
            entered = latest;
        if (entered <= after)
            return;
        history[k] = change with { EnteredAt = entered };
        LateStatusEvents++;
    }

    private DateTime AtOffice(DateTime utc) => _clock.DuringOfficeHours(utc, _random);

    private void AddCosts(DemoComplaint c, DateTime resolvedAt, bool waitedForExpert)
    {
        var price = (double)c.Product.Price * (c.Quantity ?? 1);
        var lineFactor = c.Product.Line.CostFactor;
        var logistics = lineFactor * (c.Product.Category.Bulky ? _random.Between(120, 450) : _random.Between(15, 45));
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
                pending.Add((CostType.Labour, lineFactor * _random.Between(80, 350)));
                if (_random.Chance(0.5))
                    pending.Add((CostType.Logistics, logistics));
                break;
            case Decision.ContractorRepair:
                pending.Add((CostType.Repair, lineFactor * price * _random.Between(0.1, 0.35)));
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
            pending.Insert(0, (CostType.ExpertOpinion, lineFactor * _random.Between(150, 600)));
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

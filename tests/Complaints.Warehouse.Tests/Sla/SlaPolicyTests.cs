using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Configuration;

namespace Complaints.Warehouse.Tests.Sla;

public sealed class SlaPolicyTests
{
    private static readonly DateTimeOffset January = Warsaw.At("2025-01-01 00:00");
    private static readonly DateTimeOffset June = Warsaw.At("2025-06-01 00:00");

    private static SlaPolicy Vip(TimeSpan resolution) =>
        new("vip", new SlaTarget(TimeSpan.FromHours(2), SlaClockMode.BusinessHours), new SlaTarget(resolution, SlaClockMode.Calendar)) { Segment = "vip" };

    [Fact]
    public void The_first_matching_rule_wins()
    {
        var policies = new SlaPolicySet(
        [
            new SlaPolicyVersion(January,
            [
                Vip(TimeSpan.FromDays(3)),
                new SlaPolicy("urgent", null, new SlaTarget(TimeSpan.FromDays(1), SlaClockMode.Calendar)) { Priority = "high" },
                new SlaPolicy("everyone", null, new SlaTarget(TimeSpan.FromDays(7), SlaClockMode.Calendar)),
            ]),
        ]);
        var receivedAt = Warsaw.At("2025-03-10 09:00");

        Assert.Equal("vip", policies.For(new ComplaintAttributes(Segment: "vip", Priority: "high"), receivedAt).Policy.Name);
        Assert.Equal("urgent", policies.For(new ComplaintAttributes(Segment: "standard", Priority: "HIGH"), receivedAt).Policy.Name);
        Assert.Equal("everyone", policies.For(new ComplaintAttributes(Segment: "standard", Priority: "low"), receivedAt).Policy.Name);
    }

    [Fact]
    public void A_rule_matches_only_when_every_criterion_it_names_matches()
    {
        var rule = new SlaPolicy("heating by phone", null, new SlaTarget(TimeSpan.FromHours(24), SlaClockMode.Calendar))
        {
            ProductLine = "Heating",
            Channel = "phone",
        };

        Assert.True(rule.Matches(new ComplaintAttributes(ProductLine: "heating", Channel: "phone", Product: "HT-100")));
        Assert.False(rule.Matches(new ComplaintAttributes(ProductLine: "Heating", Channel: "email")));
        Assert.False(rule.Matches(new ComplaintAttributes(Channel: "phone")));
    }

    [Fact]
    public void Complaints_received_before_a_policy_change_keep_the_old_targets()
    {
        var policies = new SlaPolicySet(
        [
            new SlaPolicyVersion(June, [Vip(TimeSpan.FromDays(2))]),
            new SlaPolicyVersion(January, [Vip(TimeSpan.FromDays(3))]),
        ]);
        var vip = new ComplaintAttributes(Segment: "vip");

        var lastMinuteOfMay = policies.For(vip, Warsaw.At("2025-05-31 23:59"));
        var firstMinuteOfJune = policies.For(vip, Warsaw.At("2025-06-01 00:00"));

        Assert.Equal(TimeSpan.FromDays(3), lastMinuteOfMay.Policy.Resolution.Duration);
        Assert.Equal(January, lastMinuteOfMay.VersionValidFrom);
        Assert.Equal(TimeSpan.FromDays(2), firstMinuteOfJune.Policy.Resolution.Duration);
        Assert.Equal(June, firstMinuteOfJune.VersionValidFrom);
    }

    [Fact]
    public void When_no_rule_matches_the_statutory_deadline_applies()
    {
        var policies = new SlaPolicySet([new SlaPolicyVersion(January, [Vip(TimeSpan.FromDays(3))])]);

        var standard = policies.For(new ComplaintAttributes(Segment: "standard"), Warsaw.At("2025-03-10 09:00"));
        var vipBeforeAnyPolicy = policies.For(new ComplaintAttributes(Segment: "vip"), Warsaw.At("2024-12-31 23:59"));

        Assert.True(standard.IsStatutoryDefault);
        Assert.Same(SlaPolicy.StatutoryDefault, standard.Policy);
        Assert.Null(standard.Policy.FirstResponse);
        Assert.Equal(SlaClockMode.StatutoryDeadline, standard.Policy.Resolution.Mode);
        Assert.True(vipBeforeAnyPolicy.IsStatutoryDefault);
    }

    [Fact]
    public void Policies_are_read_from_configuration_grouped_into_versions()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Sla:Policies:0:Name"] = "vip",
            ["Sla:Policies:0:ValidFrom"] = "2025-01-01T00:00:00+01:00",
            ["Sla:Policies:0:Segment"] = "vip",
            ["Sla:Policies:0:FirstResponseTarget"] = "02:00:00",
            ["Sla:Policies:0:FirstResponseMode"] = "BusinessHours",
            ["Sla:Policies:0:ResolutionTarget"] = "3.00:00:00",
            ["Sla:Policies:0:PausingStatuses:0"] = "waiting_for_customer",
            ["Sla:Policies:1:Name"] = "vip",
            ["Sla:Policies:1:ValidFrom"] = "2025-06-01T00:00:00+02:00",
            ["Sla:Policies:1:Segment"] = "vip",
            ["Sla:Policies:1:ResolutionTarget"] = "2.00:00:00",
            ["Sla:Policies:2:Name"] = "consumer default",
            ["Sla:Policies:2:ValidFrom"] = "2025-06-01T00:00:00+02:00",
            ["Sla:Policies:2:Segment"] = "",
            ["Sla:Policies:2:ResolutionMode"] = "StatutoryDeadline",
        });

        Assert.Empty(options.Problems());
        var policies = options.BuildPolicySet();
        var before = policies.For(new ComplaintAttributes(Segment: "vip"), Warsaw.At("2025-05-31 23:59"));
        var after = policies.For(new ComplaintAttributes(Segment: "standard"), Warsaw.At("2025-06-01 00:00"));

        Assert.Equal(2, policies.Versions.Count);
        Assert.Equal(new SlaTarget(TimeSpan.FromHours(2), SlaClockMode.BusinessHours), before.Policy.FirstResponse);
        Assert.Contains("WAITING_FOR_CUSTOMER", before.Policy.PausingStatuses);
        Assert.Equal("consumer default", after.Policy.Name);
        Assert.False(after.IsStatutoryDefault);
    }

    [Fact]
    public void Bad_settings_are_reported_by_their_path()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Sla:Statutory:LengthInDays"] = "0",
            ["Sla:Statutory:TimeZone"] = "Mars/Olympus",
            ["Sla:BusinessHours:Monday"] = "16:00-08:00",
            ["Sla:Policies:0:Name"] = "ok",
            ["Sla:Policies:0:ResolutionTarget"] = "1.00:00:00",
            ["Sla:Policies:1:Name"] = "ok too",
            ["Sla:Policies:1:ResolutionTarget"] = "1.00:00:00",
            ["Sla:Policies:2:Name"] = "broken",
            ["Sla:Policies:2:ResolutionTarget"] = "-01:00:00",
            ["Sla:Policies:2:FirstResponseTarget"] = "00:00:00",
            ["Sla:Policies:3:ResolutionTarget"] = "1.00:00:00",
        });

        var problems = options.Problems();

        Assert.Contains(problems, p => p.StartsWith("Sla:Policies:2:ResolutionTarget must be positive", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sla:Policies:2:FirstResponseTarget must be positive", StringComparison.Ordinal));
        Assert.Contains("Sla:Policies:3:Name is required.", problems);
        Assert.Contains(problems, p => p.StartsWith("Sla:Statutory:LengthInDays must be between 1 and 366", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sla:Statutory:TimeZone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sla:BusinessHours:Monday '16:00-08:00'", StringComparison.Ordinal));
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void A_missing_resolution_target_is_reported()
    {
        var options = Bind(new Dictionary<string, string?> { ["Sla:Policies:0:Name"] = "vip" });

        Assert.Equal(["Sla:Policies:0:ResolutionTarget is required (e.g. 3.00:00:00 for three days)."], options.Problems());
    }

    [Fact]
    public void The_defaults_are_valid_and_mean_the_Polish_statute_and_office_hours()
    {
        var options = Bind([]);

        Assert.Empty(options.Problems());
        Assert.Equal(Warsaw.Date("2025-05-02"), options.BuildStatutoryDeadline().DeadlineFor(Warsaw.At("2025-04-17 10:00")));
        Assert.Equal(TimeSpan.FromHours(40), options.BuildBusinessCalendar().Elapsed(Warsaw.At("2025-03-10 00:00"), Warsaw.At("2025-03-17 00:00")));
    }

    private static SlaOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return configuration.GetSection(SlaOptions.Section).Get<SlaOptions>() ?? new SlaOptions();
    }
}

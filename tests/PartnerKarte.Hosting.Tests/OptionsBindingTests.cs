using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerKarte.Connectors.Dataverse;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Connectors.Sqlite;
using PartnerKarte.Handover;
using PartnerKarte.Kpis;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;
using PartnerKarte.Targeting;

namespace PartnerKarte.Hosting.Tests;

/// <summary>The configuration schema: every options class bound from its PartnerKarte:&lt;Section&gt; and validated at startup.</summary>
public sealed class OptionsBindingTests
{
    /// <summary>An appsettings.json with every section, none at its default.</summary>
    private static Dictionary<string, string?> FullSettings() => new()
    {
        ["PartnerKarte:Connector"] = "salesforce",
        ["PartnerKarte:Sync:MaxParallelism"] = "3",
        ["PartnerKarte:Sync:BatchSize"] = "150",
        ["PartnerKarte:Sync:KpiPeriodDays"] = "180",
        ["PartnerKarte:Sync:WritePause"] = "00:00:02",
        ["PartnerKarte:Sync:FullRefreshEvery"] = "7.00:00:00",
        ["PartnerKarte:Sync:RetentionMonths"] = "36",
        ["PartnerKarte:Sync:FollowUpTasks"] = "true",
        ["PartnerKarte:Scoring:HalfLife"] = "60.00:00:00",
        ["PartnerKarte:Scoring:MinimumInteractions"] = "4",
        ["PartnerKarte:Scoring:Weights:Responsiveness"] = "0.25",
        ["PartnerKarte:Scoring:Weights:Cadence"] = "0.15",
        ["PartnerKarte:Scoring:HalfLives:Cadence"] = "30.00:00:00",
        ["PartnerKarte:Scoring:RankBands:S"] = "75",
        ["PartnerKarte:Kpis:RenewalNoticeDays"] = "90",
        ["PartnerKarte:Kpis:QuadrantThreshold"] = "0.6",
        ["PartnerKarte:Targeting:RecencyHalfLifeDays"] = "30",
        ["PartnerKarte:RelationshipGraph:RecencyHalfLifeDays"] = "120",
        ["PartnerKarte:Handover:TaskDueDays"] = "10",
        ["PartnerKarte:Continuity:BaselineDays"] = "60",
        ["PartnerKarte:SyncJob:FullRefresh"] = "true",
        ["PartnerKarte:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "pk-options-never-opened.db"),
        ["PartnerKarte:Sqlite:PageSize"] = "1000",
        ["PartnerKarte:Salesforce:LoginUrl"] = "https://example.my.salesforce.com",
        ["PartnerKarte:Salesforce:ClientId"] = "id",
        ["PartnerKarte:Salesforce:ClientSecret"] = "secret",
        ["PartnerKarte:Salesforce:QueryBatchSize"] = "500",
        ["PartnerKarte:Dataverse:EnvironmentUrl"] = "https://example.crm7.dynamics.com",
        ["PartnerKarte:Dataverse:TenantId"] = "contoso.onmicrosoft.com",
        ["PartnerKarte:Dataverse:ClientId"] = "id",
        ["PartnerKarte:Dataverse:ClientSecret"] = "secret",
        ["PartnerKarte:Dataverse:BatchSize"] = "500",
    };

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPartnerKarte(configuration.GetSection(PartnerKarteOptions.SectionName))
            .AddSqliteStore(configuration.GetSection(SqliteStoreOptions.SectionName))
            .AddSalesforce(configuration.GetSection("PartnerKarte:Salesforce"))
            .AddDataverse(configuration.GetSection("PartnerKarte:Dataverse"));
        services.AddPartnerKarteSyncJob(configuration);
        return services.BuildServiceProvider();
    }

    private static T Options<T>(IServiceProvider sp)
        where T : class => sp.GetRequiredService<IOptions<T>>().Value;

    [Fact]
    public void A_full_configuration_binds_every_options_class_from_its_section()
    {
        using var provider = Build(FullSettings());

        provider.GetRequiredService<IStartupValidator>().Validate();
        Options<PartnerKarteOptions>(provider).Connector.Should().Be("salesforce");
        var sync = Options<EnrichmentSyncOptions>(provider);
        sync.Should().BeSameAs(Options<PartnerKarteOptions>(provider).Sync);
        (sync.MaxParallelism, sync.BatchSize, sync.KpiPeriodDays, sync.WritePause, sync.FullRefreshEvery, sync.RetentionMonths, sync.FollowUpTasks)
            .Should().Be((3, 150, 180, TimeSpan.FromSeconds(2), TimeSpan.FromDays(7), 36, true));
        var scoring = Options<TrustScoringOptions>(provider);
        (scoring.HalfLife, scoring.MinimumInteractions, scoring.Weights.Responsiveness, scoring.Weights.Cadence, scoring.HalfLives.Cadence, scoring.RankBands.S)
            .Should().Be((TimeSpan.FromDays(60), 4, 0.25, 0.15, TimeSpan.FromDays(30), 75));
        (Options<PartnerKpiOptions>(provider).RenewalNoticeDays, Options<PartnerKpiOptions>(provider).QuadrantThreshold).Should().Be((90, 0.6));
        Options<TargetingOptions>(provider).RecencyHalfLifeDays.Should().Be(30);
        Options<RelationshipGraphOptions>(provider).RecencyHalfLifeDays.Should().Be(120);
        Options<HandoverOptions>(provider).TaskDueDays.Should().Be(10);
        Options<ContinuityOptions>(provider).BaselineDays.Should().Be(60);
        Options<SyncJobOptions>(provider).FullRefresh.Should().BeTrue();
        Options<SqliteStoreOptions>(provider).PageSize.Should().Be(1000);
        Options<SalesforceOptions>(provider).QueryBatchSize.Should().Be(500);
        Options<DataverseOptions>(provider).BatchSize.Should().Be(500);

        // The services use the bound options.
        provider.GetRequiredService<TrustScorer>().Options.Should().BeSameAs(scoring);
    }

    [Fact]
    public void Options_set_in_code_and_through_Configure_change_the_same_instance()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPartnerKarte(o => o.Sync.BatchSize = 200).AddSqliteStore(o => o.Path = Path.Combine(Path.GetTempPath(), "pk-never-opened.db"));
        services.Configure<EnrichmentSyncOptions>(o => o.MaxParallelism = 2);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var sync = Options<EnrichmentSyncOptions>(provider);
        (sync.BatchSize, sync.MaxParallelism).Should().Be((200, 2));
        Options<PartnerKarteOptions>(provider).Sync.Should().BeSameAs(sync);
    }

    [Theory]
    [InlineData("PartnerKarte:Scoring:MinimumInteractions", "0", "PartnerKarte:Scoring:MinimumInteractions must be between 1 and 1000 (was 0).")]
    [InlineData("PartnerKarte:Scoring:HalfLife", "00:10:00", "PartnerKarte:Scoring:HalfLife must be between 01:00:00 and 3650.00:00:00 (was 00:10:00).")]
    [InlineData("PartnerKarte:Scoring:Weights:Cadence", "1.5", "PartnerKarte:Scoring:Weights:Cadence must be between 0 and 1 (was 1.5).")]
    [InlineData("PartnerKarte:Scoring:HalfLives:Depth", "00:01:00", "PartnerKarte:Scoring:HalfLives:Depth must be between 01:00:00 and 3650.00:00:00 (was 00:01:00).")]
    [InlineData("PartnerKarte:Sync:MaxParallelism", "0", "PartnerKarte:Sync:MaxParallelism must be between 1 and 64 (was 0).")]
    [InlineData("PartnerKarte:Kpis:RenewalNoticeDays", "-1", "PartnerKarte:Kpis:RenewalNoticeDays must be between 0 and 3650 (was -1).")]
    [InlineData("PartnerKarte:Targeting:UnratedTrust", "101", "PartnerKarte:Targeting:UnratedTrust must be between 0 and 100 (was 101).")]
    [InlineData("PartnerKarte:RelationshipGraph:RecencyFloor", "0", "PartnerKarte:RelationshipGraph:RecencyFloor must be between 0.001 and 1 (was 0).")]
    [InlineData("PartnerKarte:Handover:KeyPersonHighShare", "0.2", "PartnerKarte:Handover:KeyPersonHighShare must be at least PartnerKarte:Handover:KeyPersonShareThreshold (was 0.2, PartnerKarte:Handover:KeyPersonShareThreshold is 0.5).")]
    [InlineData("PartnerKarte:Continuity:BaselineDays", "3", "PartnerKarte:Continuity:BaselineDays must be between 7 and 3650 (was 3).")]
    [InlineData("PartnerKarte:Sqlite:PageSize", "0", "PartnerKarte:Sqlite:PageSize must be between 1 and 100000 (was 0).")]
    public void A_bad_value_fails_at_startup_naming_the_key(string key, string value, string message)
    {
        var settings = FullSettings();
        settings[key] = value;
        using var provider = Build(settings);

        var failures = ((Action)provider.GetRequiredService<IStartupValidator>().Validate)
            .Should().Throw<Exception>().Which switch
            {
                OptionsValidationException e => e.Failures,
                AggregateException a => a.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures),
                var other => throw new InvalidOperationException("Unexpected exception.", other),
            };
        var section = key[..key.LastIndexOf(':')];
        failures.Should().Contain(message).And.OnlyContain(f => f.StartsWith(section, StringComparison.Ordinal));
    }

    [Fact]
    public void Cross_field_rules_fail_at_startup_naming_the_section()
    {
        var settings = FullSettings();
        settings["PartnerKarte:Scoring:Weights:Cadence"] = "0.5";
        settings["PartnerKarte:Kpis:PotentialSizeWeight"] = "0.5";
        using var provider = Build(settings);

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<AggregateException>().Which.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).Should().BeEquivalentTo(
            "PartnerKarte:Scoring:Weights: Responsiveness, Initiative, Cadence, Depth, Reliability, Sentiment and Outcomes must sum to 1 (was 1.35).",
            "PartnerKarte:Kpis: PotentialCustomerBaseWeight, PotentialSizeWeight and PotentialPipelineWeight must sum to 1 (was 1.3).");
    }

    [Fact]
    public void Constructors_apply_the_same_rules_with_the_same_messages()
    {
        var settings = FullSettings();
        settings["PartnerKarte:Sync:MaxParallelism"] = "0";
        using var provider = Build(settings);
        var hosted = ((Action)provider.GetRequiredService<IStartupValidator>().Validate).Should().Throw<OptionsValidationException>().Which.Failures.Single();

        var direct = () => new TrustScorer(new TrustScoringOptions { MinimumInteractions = 0 });
        direct.Should().Throw<ValidationException>().WithMessage("PartnerKarte:Scoring:MinimumInteractions must be between 1 and 1000 (was 0).");
        var sync = () => new EnrichmentSyncOptions { MaxParallelism = 0 }.Validate();
        sync.Should().Throw<ValidationException>().Which.Message.Should().Be(hosted);
    }
}

using Microsoft.Extensions.Logging;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests.Support;

/// <summary>An emulator with the integration users, plus helpers to seed karte data and read enrichment back from the org.</summary>
public sealed class SalesforceTestOrg : IAsyncDisposable
{
    private SalesforceTestOrg(SalesforceEmulator emulator)
    {
        Emulator = emulator;
    }

    public SalesforceEmulator Emulator { get; }

    public SalesforceOrg Org => Emulator.Org;

    public static async Task<SalesforceTestOrg> StartAsync()
    {
        var org = new SalesforceTestOrg(await SalesforceEmulator.StartAsync());
        foreach (var (key, family) in new[] { ("U-001", "営業"), ("U-002", "後任") })
        {
            org.Org.Insert("User", new Dictionary<string, object?>
            {
                ["Username"] = key.ToLowerInvariant() + "@partnerkarte.example", ["LastName"] = family, ["FederationIdentifier"] = key,
            });
        }

        return org;
    }

    public SalesforceOptions Options(Action<SalesforceOptions>? configure = null)
    {
        var options = new SalesforceOptions
        {
            LoginUrl = Emulator.BaseUrl,
            ClientId = Emulator.ClientId,
            ClientSecret = Emulator.ClientSecret,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            BulkPollInterval = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        return options;
    }

    public SalesforceConnector Connector(Action<SalesforceOptions>? configure = null, ILogger<SalesforceConnector>? logger = null) =>
        new(new HttpClient(), Options(configure), logger: logger);

    public string? UserId(UserId? user) => user is null ? null
        : Org.Records("User").FirstOrDefault(u => (string?)u["FederationIdentifier"] == user.Value.Value)?["Id"] as string;

    public string? IdOf(string type, string externalId) =>
        Org.Records(type).FirstOrDefault(r => (string?)r["PK_ExternalId__c"] == externalId)?["Id"] as string;

    public void Seed(KarteRecordBatch batch)
    {
        foreach (var c in batch.Companies)
        {
            Org.Upsert("Account", "PK_ExternalId__c", new Dictionary<string, object?>
            {
                ["PK_ExternalId__c"] = c.Id.Value, ["Name"] = c.Name, ["Industry"] = c.Profile.Industry, ["BillingState"] = c.Profile.Prefecture,
                ["NumberOfEmployees"] = c.Profile.EmployeeCount, ["OwnerId"] = UserId(c.OwnerId),
            });
        }

        foreach (var r in batch.Reps)
        {
            Org.Upsert("Contact", "PK_ExternalId__c", new Dictionary<string, object?>
            {
                ["PK_ExternalId__c"] = r.Id.Value, ["LastName"] = r.Name.FamilyName, ["FirstName"] = r.Name.GivenName, ["Title"] = r.Title,
                ["Department"] = r.Department, ["Email"] = r.Email, ["AccountId"] = IdOf("Account", r.CompanyId.Value), ["OwnerId"] = UserId(r.OwnerId),
            });
        }

        foreach (var p in batch.Proposals)
        {
            var id = Org.Upsert("Opportunity", "PK_ExternalId__c", new Dictionary<string, object?>
            {
                ["PK_ExternalId__c"] = p.Id.Value, ["Name"] = p.Offer, ["AccountId"] = IdOf("Account", p.CompanyId.Value), ["Amount"] = p.Amount,
                ["PK_GrossProfit__c"] = p.GrossProfit, ["OwnerId"] = UserId(p.OwnerId),
                ["StageName"] = p.Outcome switch
                {
                    ProposalOutcome.Won => "Closed Won",
                    ProposalOutcome.Lost => "Closed Lost",
                    _ => p.Stage == ProposalStage.Proposal ? "Proposal/Price Quote" : "Prospecting",
                },
                ["CloseDate"] = p.ClosedOn ?? p.CreatedOn.AddDays(90),
            });
            if (p.RepId is { } rep && !Org.Records("OpportunityContactRole").Any(o => (string?)o["OpportunityId"] == id))
            {
                Org.Insert("OpportunityContactRole", new Dictionary<string, object?>
                {
                    ["OpportunityId"] = id, ["ContactId"] = IdOf("Contact", rep.Value), ["IsPrimary"] = true, ["Role"] = "Decision Maker",
                });
            }
        }

        foreach (var i in batch.Interactions)
        {
            Org.Upsert("Task", "PK_ExternalId__c", new Dictionary<string, object?>
            {
                ["PK_ExternalId__c"] = i.Id.Value, ["Subject"] = i.Channel.ToString(), ["Description"] = i.Statements,
                ["WhoId"] = IdOf("Contact", i.RepId.Value), ["OwnerId"] = UserId(i.UserId), ["PK_OccurredAt__c"] = i.OccurredAt,
                ["ActivityDate"] = DateOnly.FromDateTime(i.OccurredAt.UtcDateTime), ["PK_Channel__c"] = i.Channel.ToString(),
                ["PK_Initiator__c"] = i.Initiator.ToString(), ["PK_Reaction__c"] = i.Reaction.ToString(), ["Status"] = "Completed",
            });
        }
    }

    /// <summary>
    /// Seeds <paramref name="count"/> contacts (external ids R-00000…) spread over <paramref name="accounts"/> accounts
    /// (C-000…); every <paramref name="interactionEvery"/>-th contact gets a logged meeting, so trust scores differ.
    /// </summary>
    public void SeedContacts(int count, int accounts = 1, int interactionEvery = 0)
    {
        var accountIds = Enumerable.Range(0, accounts)
            .Select(a => Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = $"株式会社大量データ{a}", ["PK_ExternalId__c"] = $"C-{a:D3}" }))
            .ToList();
        for (var i = 0; i < count; i++)
        {
            var contact = Org.Insert("Contact", new Dictionary<string, object?>
            {
                ["LastName"] = "担当", ["FirstName"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AccountId"] = accountIds[i % accounts],
                ["PK_ExternalId__c"] = RepKey(i),
            });
            if (interactionEvery > 0 && i % interactionEvery == 0)
            {
                Org.Insert("Task", new Dictionary<string, object?>
                {
                    ["PK_ExternalId__c"] = $"I-{i:D5}", ["Subject"] = "面談", ["WhoId"] = contact, ["Status"] = "Completed",
                    ["PK_OccurredAt__c"] = new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero).AddHours(-i), ["PK_Channel__c"] = "Meeting",
                    ["PK_Initiator__c"] = i % 2 == 0 ? "Rep" : "Us", ["PK_Reaction__c"] = "Positive",
                });
            }
        }
    }

    public static string RepKey(int i) => $"R-{i:D5}";

    public EnrichmentRecord? ReadEnrichment(EnrichmentKey key)
    {
        var type = key.Target == EnrichmentTarget.Rep ? "Contact" : "Account";
        var r = Org.Records(type).FirstOrDefault(x => (string?)x["PK_ExternalId__c"] == key.Id);
        return r is null ? null : FromRecord(key, r);
    }

    /// <summary>Reads many at once (one copy of the table).</summary>
    public IReadOnlyDictionary<EnrichmentKey, EnrichmentRecord> ReadEnrichment(EnrichmentTarget target)
    {
        var type = target == EnrichmentTarget.Rep ? "Contact" : "Account";
        return Org.Records(type).Where(r => r["PK_ExternalId__c"] is string)
            .ToDictionary(r => new EnrichmentKey(target, (string)r["PK_ExternalId__c"]!), r => FromRecord(new EnrichmentKey(target, (string)r["PK_ExternalId__c"]!), r));
    }

    private static EnrichmentRecord FromRecord(EnrichmentKey key, IReadOnlyDictionary<string, object?> r)
    {
        static double? D(object? v) => v is decimal d ? (double)d : null;
        static int? I(object? v) => v is decimal d ? (int)d : null;
        static T? E<T>(object? v)
            where T : struct, Enum => v is string s && Enum.TryParse<T>(s, out var e) ? e : null;
        return key.Target == EnrichmentTarget.Rep
            ? new EnrichmentRecord
            {
                Target = key.Target, Id = key.Id, TrustScore = D(r["PK_TrustScore__c"]), TrustRank = E<TrustRank>(r["PK_TrustRank__c"]),
                TrustConfidence = D(r["PK_TrustConfidence__c"]) / 100, TrustTrend = D(r["PK_TrustTrend__c"]),
                LastContactDate = r["PK_LastContactDate__c"] as DateOnly?, FollowUpPriority = E<FollowUpPriority>(r["PK_FollowUpPriority__c"]),
                TrustReasons = r.TryGetValue("PK_TrustReasons__c", out var reasons) ? reasons as string : null,
            }
            : new EnrichmentRecord
            {
                Target = key.Target, Id = key.Id, DealCount = I(r["PK_DealCount__c"]), WonCount = I(r["PK_WonCount__c"]),
                WinRatePercent = D(r["PK_WinRate__c"]), Revenue = r["PK_Revenue__c"] as decimal?, GrossProfit = r["PK_GrossProfit__c"] as decimal?,
                KarteCompletenessPercent = D(r["PK_KarteCompleteness__c"]), ContractAlert = r["PK_ContractAlert__c"] as string,
            };
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PartnerKarte.Emulators.Dataverse;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse.Tests.Support;

/// <summary>An emulator on a random loopback port, a connector pointed at it, and CRM-side seeding (as a CRM user would type records).</summary>
public sealed class DataverseTestEnvironment : IAsyncDisposable
{
    private readonly List<DataverseConnector> _connectors = [];

    private DataverseTestEnvironment(DataverseEmulator emulator) => Emulator = emulator;

    public DataverseEmulator Emulator { get; }

    public static async Task<DataverseTestEnvironment> StartAsync(DataverseEmulatorOptions? options = null, bool provision = true)
    {
        var env = new DataverseTestEnvironment(await DataverseEmulator.StartAsync(options));
        if (provision)
        {
            var connector = env.CreateConnector();
            await connector.ProvisionAsync();
        }

        return env;
    }

    public DataverseOptions Options(Action<DataverseOptions>? configure = null)
    {
        var o = new DataverseOptions
        {
            EnvironmentUrl = Emulator.BaseUri,
            AuthorityHost = Emulator.BaseUri,
            TenantId = Emulator.Options.TenantId,
            ClientId = Emulator.Options.ClientId,
            ClientSecret = Emulator.Options.ClientSecret,
            ServiceUnavailableBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(o);
        return o;
    }

    public DataverseConnector CreateConnector(Action<DataverseOptions>? configure = null, ILogger<DataverseConnector>? logger = null)
    {
        var connector = new DataverseConnector(Options(configure), logger: logger);
        _connectors.Add(connector);
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connectors)
        {
            c.Dispose();
        }

        await Emulator.DisposeAsync();
    }

    // ---------- CRM-side seeding ----------

    public Guid? FindByExternalId(string table, string id) =>
        Emulator.Rows(table).Where(r => r.Value["pk_externalid"]?.GetValue<string>() == id).Select(r => (Guid?)r.Key).FirstOrDefault();

    public Guid EnsureUser(UserId user)
    {
        var existing = Emulator.Rows("systemuser").Where(r => r.Value["domainname"]?.GetValue<string>() == user.Value).Select(r => (Guid?)r.Key).FirstOrDefault();
        return existing ?? Emulator.Seed("systemuser", new JsonObject { ["domainname"] = user.Value, ["lastname"] = "担当", ["firstname"] = user.Value });
    }

    private void Upsert(string table, string externalId, JsonObject values)
    {
        if (FindByExternalId(table, externalId) is { } id)
        {
            Emulator.Update(table, id, values);
        }
        else
        {
            values["pk_externalid"] = externalId;
            Emulator.Seed(table, values);
        }
    }

    private void Owner(JsonObject values, UserId? owner)
    {
        if (owner is { } o)
        {
            values["ownerid@odata.bind"] = $"/systemusers({EnsureUser(o)})";
        }
    }

    public void Seed(KarteRecordBatch batch)
    {
        foreach (var c in batch.Companies)
        {
            var v = new JsonObject
            {
                ["name"] = c.Name, ["yominame"] = c.NameKana, ["accountnumber"] = c.CorporateNumber,
                ["numberofemployees"] = c.Profile.EmployeeCount, ["address1_stateorprovince"] = c.Profile.Prefecture, ["description"] = c.BusinessPolicy,
            };
            Owner(v, c.OwnerId);
            Upsert("account", c.Id.Value, v);
        }

        foreach (var r in batch.Reps)
        {
            var v = new JsonObject
            {
                ["lastname"] = r.Name.FamilyName, ["firstname"] = r.Name.GivenName, ["yomilastname"] = r.Name.FamilyNameKana, ["yomifirstname"] = r.Name.GivenNameKana,
                ["jobtitle"] = r.Title, ["department"] = r.Department, ["emailaddress1"] = r.Email,
                ["parentcustomerid_account@odata.bind"] = $"/accounts(pk_externalid='{r.CompanyId.Value.Replace("'", "''", StringComparison.Ordinal)}')",
            };
            Owner(v, r.OwnerId);
            Upsert("contact", r.Id.Value, v);
        }

        foreach (var p in batch.Proposals)
        {
            var v = new JsonObject
            {
                ["name"] = p.Offer, ["estimatedvalue"] = p.Amount, ["pk_grossprofit"] = p.GrossProfit, ["pk_stage"] = (int)p.Stage,
                ["statecode"] = p.Outcome switch { ProposalOutcome.Won => 1, ProposalOutcome.Lost => 2, _ => 0 },
                ["actualclosedate"] = p.ClosedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["parentaccountid@odata.bind"] = $"/accounts(pk_externalid='{p.CompanyId.Value}')",
            };
            if (p.RepId is { } rep)
            {
                v["parentcontactid@odata.bind"] = $"/contacts(pk_externalid='{rep.Value}')";
            }

            Owner(v, p.OwnerId);
            Upsert("opportunity", p.Id.Value, v);
        }

        foreach (var i in batch.Interactions)
        {
            var table = i.Channel switch
            {
                InteractionChannel.Call => "phonecall",
                InteractionChannel.Email => "email",
                InteractionChannel.Chat or InteractionChannel.Other => "task",
                _ => "appointment",
            };
            var v = new JsonObject
            {
                ["subject"] = i.Statements ?? i.Channel.ToString(), ["description"] = i.Statements,
                ["actualstart"] = i.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["pk_channel"] = (int)i.Channel, ["pk_initiator"] = (int)i.Initiator, ["pk_reaction"] = (int)i.Reaction,
                [$"regardingobjectid_contact_{table}@odata.bind"] = $"/contacts(pk_externalid='{i.RepId.Value}')",
            };
            Owner(v, i.UserId);
            Upsert(table, i.Id.Value, v);
        }
    }

    /// <summary>
    /// Many partner reps under a few companies, for load tests: ids C-0001…, R-00001…, each rep with a title and, when
    /// <paramref name="lastCall"/> is given, one phone call with them at that time.
    /// </summary>
    public void SeedReps(int companies, int reps, DateTimeOffset? lastCall = null)
    {
        for (var c = 0; c < companies; c++)
        {
            Emulator.Seed("account", new JsonObject { ["pk_externalid"] = $"C-{c:D4}", ["name"] = $"株式会社パートナー{c:D4}" });
        }

        var accounts = Emulator.Rows("account").ToDictionary(r => r.Value["pk_externalid"]!.GetValue<string>(), r => r.Key);
        for (var r = 0; r < reps; r++)
        {
            var contact = Emulator.Seed("contact", new JsonObject
            {
                ["pk_externalid"] = $"R-{r:D5}",
                ["lastname"] = "山田",
                ["firstname"] = $"太郎{r}",
                ["jobtitle"] = "主任",
                ["parentcustomerid_account@odata.bind"] = $"/accounts({accounts[$"C-{r % companies:D4}"]})",
            });
            if (lastCall is { } at)
            {
                Emulator.Seed("phonecall", new JsonObject
                {
                    ["subject"] = "定例の電話",
                    ["actualstart"] = at.AddMinutes(-r % 600).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    ["pk_channel"] = (int)InteractionChannel.Call,
                    ["pk_initiator"] = r % 3 == 0 ? 1 : 0,
                    ["pk_reaction"] = 1 + r % 3,
                    ["regardingobjectid_contact_phonecall@odata.bind"] = $"/contacts({contact})",
                });
            }
        }
    }

    /// <summary>Changes every contact's title, as CRM users editing their contacts would.</summary>
    public void RetitleAllContacts(string title)
    {
        foreach (var id in Emulator.Rows("contact").Keys)
        {
            Emulator.Update("contact", id, new JsonObject { ["jobtitle"] = title });
        }
    }
}

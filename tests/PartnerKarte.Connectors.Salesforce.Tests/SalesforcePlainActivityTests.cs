using System.Globalization;
using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Karte;
using PartnerKarte.Scoring;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>
/// Activities logged the plain Salesforce way (no PK_* fields): channel and initiator come from the standard fields the
/// Salesforce object reference defines — Task.TaskSubtype (Task, Email, ListEmail, Cadence, Call, LinkedIn), Task.CallType
/// ("The type of call being answered: Inbound, Internal, or Outbound"), Task.Type, and Event as a meeting.
/// </summary>
public sealed class SalesforcePlainActivityTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 1, 0, 0, TimeSpan.Zero);
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private string Contact(string key, string family)
    {
        var account = _org.IdOf("Account", "C-PLAIN") ?? _org.Org.Insert("Account", new Dictionary<string, object?> { ["Name"] = "株式会社プレーン", ["PK_ExternalId__c"] = "C-PLAIN" });
        return _org.Org.Insert("Contact", new Dictionary<string, object?> { ["LastName"] = family, ["AccountId"] = account, ["PK_ExternalId__c"] = key });
    }

    private void Task(string key, string who, int day, IReadOnlyDictionary<string, object?> fields)
    {
        var row = new Dictionary<string, object?>
        {
            ["PK_ExternalId__c"] = key, ["WhoId"] = who, ["Status"] = "Completed", ["ActivityDate"] = DateOnly.FromDateTime(Start.AddDays(day).UtcDateTime),
        };
        foreach (var (k, v) in fields)
        {
            row[k] = v;
        }

        _org.Org.Insert("Task", row);
    }

    private void Meeting(string key, string who, int day) => _org.Org.Insert("Event", new Dictionary<string, object?>
    {
        ["PK_ExternalId__c"] = key, ["WhoId"] = who, ["Subject"] = "定例打合せ", ["StartDateTime"] = Start.AddDays(day),
        ["EndDateTime"] = Start.AddDays(day).AddHours(1), ["ActivityDateTime"] = Start.AddDays(day), ["DurationInMinutes"] = 60,
    });

    private async Task<List<Interaction>> ReadInteractionsAsync()
    {
        var read = new List<Interaction>();
        await foreach (var page in _org.Connector().ReadChangesAsync(null))
        {
            read.AddRange(page.Interactions);
        }

        return read;
    }

    [Fact]
    public async Task Inbound_calls_show_the_rep_as_initiator_and_unrecorded_directions_stay_unknown_while_PK_fields_win()
    {
        var yamada = Contact("R-YAMADA", "山田");
        Task("T-IN", yamada, 0, new Dictionary<string, object?> { ["Subject"] = "山田様から電話で問い合わせ", ["TaskSubtype"] = "Call", ["CallType"] = "Inbound" });
        Task("T-OUT", yamada, 1, new Dictionary<string, object?> { ["Subject"] = "見積の件で架電", ["TaskSubtype"] = "Call", ["CallType"] = "Outbound" });
        Task("T-MAIL", yamada, 2, new Dictionary<string, object?> { ["Subject"] = "資料送付", ["TaskSubtype"] = "Email" });
        Task("T-LIST", yamada, 3, new Dictionary<string, object?> { ["Subject"] = "新製品のご案内", ["TaskSubtype"] = "ListEmail" });
        Task("T-TYPE", yamada, 4, new Dictionary<string, object?> { ["Subject"] = "打合せメモ", ["TaskSubtype"] = "Task", ["Type"] = "Meeting" });
        Task("T-PK", yamada, 5, new Dictionary<string, object?> { ["Subject"] = "折り返し", ["TaskSubtype"] = "Call", ["CallType"] = "Inbound", ["PK_Initiator__c"] = "Us", ["PK_Channel__c"] = "WebMeeting" });
        Meeting("E-1", yamada, 6);

        var read = (await ReadInteractionsAsync()).ToDictionary(i => i.Id.Value);

        read["T-IN"].Should().Match<Interaction>(i => i.Initiator == Initiator.Rep && i.Channel == InteractionChannel.Call);
        read["T-OUT"].Should().Match<Interaction>(i => i.Initiator == Initiator.Us && i.Channel == InteractionChannel.Call);
        read["T-MAIL"].Should().Match<Interaction>(i => i.Initiator == Initiator.Unknown && i.Channel == InteractionChannel.Email, "a logged e-mail task does not say who wrote first");
        read["T-LIST"].Should().Match<Interaction>(i => i.Initiator == Initiator.Us && i.Channel == InteractionChannel.Email, "a list e-mail is sent by us");
        read["T-TYPE"].Should().Match<Interaction>(i => i.Initiator == Initiator.Unknown && i.Channel == InteractionChannel.Meeting);
        read["T-PK"].Should().Match<Interaction>(i => i.Initiator == Initiator.Us && i.Channel == InteractionChannel.WebMeeting, "PK_* fields win over the standard ones");
        read["E-1"].Should().Match<Interaction>(i => i.Initiator == Initiator.Unknown && i.Channel == InteractionChannel.Meeting);
    }

    [Fact]
    public async Task EmailMessage_Incoming_gives_the_direction_and_ReplyToEmailMessageId_the_reply_latency()
    {
        var yamada = Contact("R-YAMADA", "山田");
        Task("T-SENT", yamada, 0, new Dictionary<string, object?> { ["Subject"] = "お見積りの送付", ["TaskSubtype"] = "Email" });
        Task("T-REPLY", yamada, 0, new Dictionary<string, object?> { ["Subject"] = "Re: お見積りの送付", ["TaskSubtype"] = "Email" });
        var sentAt = Start.AddHours(2);
        var sent = _org.Org.Insert("EmailMessage", new Dictionary<string, object?>
        {
            ["ActivityId"] = _org.IdOf("Task", "T-SENT"), ["Incoming"] = false, ["MessageDate"] = sentAt, ["Subject"] = "お見積りの送付",
        });
        _org.Org.Insert("EmailMessage", new Dictionary<string, object?>
        {
            ["ActivityId"] = _org.IdOf("Task", "T-REPLY"), ["Incoming"] = true, ["MessageDate"] = sentAt.AddHours(5.5),
            ["ReplyToEmailMessageId"] = sent, ["Subject"] = "Re: お見積りの送付",
        });

        var read = (await ReadInteractionsAsync()).ToDictionary(i => i.Id.Value);

        read["T-SENT"].Should().Match<Interaction>(i => i.Initiator == Initiator.Us && i.Channel == InteractionChannel.Email && i.OccurredAt == sentAt);
        read["T-REPLY"].Initiator.Should().Be(Initiator.Rep, "an incoming e-mail was written by the rep");
        read["T-REPLY"].ResponseLatency.Should().Be(TimeSpan.FromHours(5.5), "the reply came 5.5 hours after the message it answers");
        read["T-REPLY"].OccurredAt.Should().Be(sentAt.AddHours(5.5));
    }

    [Fact]
    public async Task The_japanese_explanation_of_plainly_logged_activity_never_states_what_the_data_does_not_show()
    {
        var sato = Contact("R-SATO", "佐藤");
        var suzuki = Contact("R-SUZUKI", "鈴木");
        for (var k = 0; k < 8; k++)
        {
            Meeting($"E-SATO-{k}", sato, k * 7);
            Task($"T-SUZUKI-{k}", suzuki, k * 7, new Dictionary<string, object?> { ["Subject"] = "鈴木様から電話で問い合わせ", ["TaskSubtype"] = "Call", ["CallType"] = "Inbound" });
        }

        var read = await ReadInteractionsAsync();
        var scorer = new TrustScorer();
        var asOf = Start.AddDays(60);
        var ja = CultureInfo.GetCultureInfo("ja-JP");
        var meetingsOnly = TrustExplanation.Render(scorer.Score(new RepId("R-SATO"), read, [], asOf), ja);
        var inbound = scorer.Score(new RepId("R-SUZUKI"), read, [], asOf);

        meetingsOnly.Should().Contain("起点が記録されていないため判断保留（積極性）");
        meetingsOnly.Should().NotContain(l => l.Contains("連絡はほぼこちらから", StringComparison.Ordinal) || l.Contains("慎重派", StringComparison.Ordinal));
        inbound.Factors.Single(f => f.Kind == TrustFactorKind.Initiative).Value.Should().BeGreaterThan(0.5, "the rep called us every time");
        inbound.Tendencies.Should().HaveFlag(TrustTendency.Proactive);
        TrustExplanation.Render(inbound, ja).Should().NotContain(l => l.Contains("連絡はほぼこちらから", StringComparison.Ordinal));
    }
}

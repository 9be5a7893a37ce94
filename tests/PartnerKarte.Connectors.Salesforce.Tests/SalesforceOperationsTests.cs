using PartnerKarte.Connectors.Salesforce.Tests.Support;
using PartnerKarte.Emulators.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Salesforce.Tests;

/// <summary>Handover operations on kartes written by upserts: what only the karte record holds changes too, once.</summary>
public sealed class SalesforceOperationsTests : IAsyncLifetime
{
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    [Fact]
    public async Task Closing_employment_and_moving_an_open_next_action_change_the_karte_and_rerunning_changes_nothing()
    {
        var karte = SalesforceKarteUpsertTests.Karte();
        await _org.Connector().UpsertKarteAsync(karte);
        IReadOnlyList<ConnectorOperation> plan =
        [
            ConnectorOperation.CloseEmployment("h-1", new RepId("R-001"), new DateOnly(2026, 3, 31), RepStatus.Left),
            ConnectorOperation.ReassignRep("h-2", KarteRecordKind.Interaction, "I-001", new RepId("R-001")),
            ConnectorOperation.ChangeOwner("h-3", KarteRecordKind.Interaction, "I-001", new UserId("U-002")),
            ConnectorOperation.ChangeOwner("h-4", KarteRecordKind.Proposal, "P-001", new UserId("U-002")),
            ConnectorOperation.CreateTask("h-5", KarteRecordKind.Company, "C-002", new UserId("U-002"), "後任の紹介", new DateOnly(2026, 4, 10), "田中様の後任を紹介する"),
            ConnectorOperation.ChangeOwner("h-6", KarteRecordKind.Rep, "R-404", new UserId("U-002")),
        ];
        var connector = _org.Connector();

        var first = await connector.ApplyOperationsAsync(plan);
        _org.Emulator.ResetCounters();
        var second = await connector.ApplyOperationsAsync(plan);

        first.Select(r => r.Status).Should().Equal(
            ConnectorOperationStatus.Applied, ConnectorOperationStatus.Applied, ConnectorOperationStatus.Applied,
            ConnectorOperationStatus.Applied, ConnectorOperationStatus.Applied, ConnectorOperationStatus.Failed);
        first[^1].ErrorCode.Should().Be("NOT_FOUND");
        second.Take(5).Should().OnlyContain(r => r.Status == ConnectorOperationStatus.AlreadyApplied);
        _org.Emulator.CountCalls(SalesforceApiCallKind.Write).Should().Be(0, "an applied plan is not written again");

        var read = new List<ChangePage>();
        await foreach (var page in _org.Connector().ReadChangesAsync(null))
        {
            read.Add(page);
        }

        var tanaka = read.SelectMany(p => p.Reps).Single(r => r.Id.Value == "R-001");
        tanaka.Status.Should().Be(RepStatus.Left);
        tanaka.Employment.Should().HaveCount(3).And.OnlyContain(e => e.To != null);
        tanaka.Employment[^1].To.Should().Be(new DateOnly(2026, 3, 31));
        tanaka.CustomItems["hobby"].Text.Should().Be("ゴルフ", "the rest of the karte is kept");
        var meeting = read.SelectMany(p => p.Interactions).Single(i => i.Id.Value == "I-001");
        meeting.NextAction!.RepId.Should().Be(new RepId("R-001"));
        meeting.NextAction.Owner.Should().Be(new UserId("U-002"));
        meeting.Statements.Should().HaveLength(40_000);
        read.SelectMany(p => p.Proposals).Single(p => p.Id.Value == "P-001").OwnerId.Should().Be(new UserId("U-002"));
        read.SelectMany(p => p.Interactions).Should().HaveCount(2, "the open handover task is not an interaction");
        var task = _org.Org.Records("Task").Single(t => (string?)t["PK_ExternalId__c"] == "h-5");
        task["WhatId"].Should().Be(_org.IdOf("Account", "C-002"));
        task["OwnerId"].Should().Be(_org.UserId(new UserId("U-002")));
    }
}

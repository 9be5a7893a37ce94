using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Privacy;

/// <summary>
/// Erases one person's data (利用停止・消去): removes the karte, history and derived values from the store, forgets the sync
/// state about the rep, clears the PartnerKarte enrichment fields in the CRM (the CRM's own contact is not deleted) and records
/// a tombstone so later syncs neither read nor write the rep. Without <c>apply</c> it only plans. Running it again is harmless.
/// </summary>
public static class PersonalDataEraser
{
    /// <summary>Plans or carries out the erasure of one rep.</summary>
    /// <param name="repId">The person.</param>
    /// <param name="tombstones">Where the tombstone is recorded and the sync state is forgotten (the sync-state store).</param>
    /// <param name="store">The karte store holding the rep, or <see langword="null"/>.</param>
    /// <param name="crm">The CRM connector whose enrichment fields are cleared, or <see langword="null"/>.</param>
    /// <param name="apply"><see langword="false"/> to plan only.</param>
    /// <param name="now">The instant recorded with the tombstone.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan or the outcome.</returns>
    public static async Task<PersonalDataErasure> EraseAsync(
        RepId repId,
        IErasureTombstoneStore tombstones,
        IPersonalDataStore? store,
        KarteConnector? crm,
        bool apply,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tombstones);
        ArgumentException.ThrowIfNullOrWhiteSpace(repId.Value, nameof(repId));
        var already = (await tombstones.ReadTombstonesAsync(cancellationToken).ConfigureAwait(false)).Contains(repId.Value);
        var notes = new List<string>();

        // Where the rep belonged: its company's mirror entry holds the rep too.
        CompanyId? company = null;
        var crmFound = false;
        if (store is KarteConnector storeConnector)
        {
            company = await CompanyOfAsync(storeConnector, repId, cancellationToken).ConfigureAwait(false);
        }

        if (crm is not null)
        {
            var crmCompany = await CompanyOfAsync(crm, repId, cancellationToken).ConfigureAwait(false);
            crmFound = crmCompany is not null;
            company ??= crmCompany;
            notes.Add(crmFound
                ? "CRM の取引先責任者レコード自体は削除しません。PartnerKarte が書き込んだ項目だけを空にします (the CRM's own contact is not deleted; only the fields PartnerKarte wrote are cleared)."
                : "CRM にこの担当者のレコードは見つかりませんでした (the CRM holds no contact for this rep).");
        }

        var held = store is null ? null : await store.CountPersonalDataAsync(repId, cancellationToken).ConfigureAwait(false);
        if (!apply)
        {
            notes.Add("計画のみです。実行するには --apply を付けてください (plan only; nothing was changed).");
            return new PersonalDataErasure
            {
                RepId = repId.Value, Applied = false, At = now, AlreadyErased = already, Store = held, Crm = crm?.Name, CrmContactFound = crmFound, Notes = notes,
            };
        }

        // The tombstone first: from here on no sync brings the rep back, even if a later step fails and is run again.
        var recorded = await tombstones.AddTombstoneAsync(repId.Value, now, cancellationToken).ConfigureAwait(false);
        var removed = store is null ? null : await store.ErasePersonalDataAsync(repId, cancellationToken).ConfigureAwait(false);

        string? crmError = null;
        var cleared = false;
        if (crm is not null && crmFound)
        {
            // Every enrichment field null: the connector clears each target field (PATCH with null values).
            var results = await crm.WriteEnrichmentAsync([new EnrichmentRecord { Target = EnrichmentTarget.Rep, Id = repId.Value }], cancellationToken).ConfigureAwait(false);
            var result = results.FirstOrDefault();
            cleared = result is { Succeeded: true };
            crmError = cleared ? null : $"{result?.ErrorCode ?? "NO_RESULT"}: {result?.Message ?? "the connector returned no result"}";
        }

        List<KeyValuePair<string, string>> entries =
        [
            new(KarteMirror.Scope, KarteMirror.OrphanKey(repId.Value)),
            new(EnrichmentSync.RunScope, EnrichmentSync.LastFullRefreshKey),
        ];
        if (company is { } c)
        {
            entries.Add(new(KarteMirror.Scope, KarteMirror.CompanyKey(c.Value)));
        }

        var forgotten = await tombstones.ForgetSyncStateAsync(new EnrichmentKey(EnrichmentTarget.Rep, repId.Value), entries, cancellationToken).ConfigureAwait(false);
        notes.Add("次回の同期は全件再計算になります。消去した担当者は読み込まず、書き込みもしません (the next sync is a full refresh; it neither reads nor writes the erased rep).");
        return new PersonalDataErasure
        {
            RepId = repId.Value,
            Applied = true,
            At = now,
            AlreadyErased = already,
            Store = removed,
            SyncStateRemoved = forgotten,
            TombstoneRecorded = recorded,
            Crm = crm?.Name,
            CrmContactFound = crmFound,
            CrmFieldsCleared = cleared,
            CrmError = crmError,
            Notes = notes,
        };
    }

    private static async Task<CompanyId?> CompanyOfAsync(KarteConnector connector, RepId repId, CancellationToken cancellationToken)
    {
        CompanyId? company = null;
        await foreach (var batch in connector.ReadKarteAsync(new KarteSelection { RepIds = [repId] }, cancellationToken).ConfigureAwait(false))
        {
            company ??= batch.Reps.FirstOrDefault(r => r.Id == repId)?.CompanyId;
        }

        return company;
    }
}

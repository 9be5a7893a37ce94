using System.Runtime.CompilerServices;
using PartnerKarte.Connectors.Salesforce;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Console.Connectors;

/// <summary>
/// Passes every call to a connector and keeps the first exception it threw: the sync engine turns a whole-call failure
/// into an aborted report with a message, and the console still needs to know whether it was configuration (exit 2).
/// </summary>
internal sealed class FailureRecordingConnector(KarteConnector inner) : KarteConnector
{
    /// <summary>The first exception a call threw, if any.</summary>
    public Exception? Failure { get; private set; }

    public override string Name => inner.Name;

    public override string StateKey => inner.StateKey;

    public override ConnectorCapabilities Capabilities => inner.Capabilities;

    /// <summary>
    /// Configuration, authentication or mapping: the run cannot succeed until someone changes a setting, a credential or
    /// the org's fields, as opposed to limits, outages and records the CRM rejected.
    /// </summary>
    public static bool IsConfigurationProblem(Exception? failure) => failure switch
    {
        SalesforceMappingException => true,
        SalesforceLimitExceededException => false,
        SalesforceRequestException r => r.Resource.EndsWith("/oauth2/token", StringComparison.Ordinal)
            || r.ErrorCode is "INVALID_SESSION_ID" or "INVALID_AUTH_HEADER" or "API_DISABLED_FOR_ORG" or "INSUFFICIENT_ACCESS" or "INVALID_FIELD" or "INVALID_TYPE",
        ConnectorNotSupportedException => true,
        _ => false,
    };

    public override IAsyncEnumerable<ChangePage> ReadChangesAsync(string? watermark, CancellationToken cancellationToken = default) =>
        WatchAsync(inner.ReadChangesAsync(watermark, cancellationToken), cancellationToken);

    public override IAsyncEnumerable<ChangeSummary> ReadChangeSummaryAsync(string? watermark, CancellationToken cancellationToken = default) =>
        WatchAsync(inner.ReadChangeSummaryAsync(watermark, cancellationToken), cancellationToken);

    public override IAsyncEnumerable<KarteRecordBatch> ReadKarteAsync(KarteSelection selection, CancellationToken cancellationToken = default) =>
        WatchAsync(inner.ReadKarteAsync(selection, cancellationToken), cancellationToken);

    public override Task<IReadOnlyList<EnrichmentWriteResult>> WriteEnrichmentAsync(IReadOnlyList<EnrichmentRecord> records, CancellationToken cancellationToken = default) =>
        WatchAsync(() => inner.WriteEnrichmentAsync(records, cancellationToken));

    public override Task<IReadOnlyList<KarteUpsertResult>> UpsertKarteAsync(KarteRecordBatch batch, CancellationToken cancellationToken = default) =>
        WatchAsync(() => inner.UpsertKarteAsync(batch, cancellationToken));

    public override Task<IReadOnlyList<ConnectorOperationResult>> ApplyOperationsAsync(IReadOnlyList<ConnectorOperation> operations, CancellationToken cancellationToken = default) =>
        WatchAsync(() => inner.ApplyOperationsAsync(operations, cancellationToken));

    public override Task<ConnectorHealth> CheckHealthAsync(CancellationToken cancellationToken = default) =>
        WatchAsync(() => inner.CheckHealthAsync(cancellationToken));

    private bool Record(Exception e)
    {
        Failure ??= e;
        return false; // an exception filter that only looks: the exception goes on unchanged
    }

    private async Task<T> WatchAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Record(e))
        {
            throw;
        }
    }

    private async IAsyncEnumerable<T> WatchAsync<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var e = source.GetAsyncEnumerator(cancellationToken);
        await using (e.ConfigureAwait(false))
        {
            while (true)
            {
                bool next;
                try
                {
                    next = await e.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (Record(ex))
                {
                    throw;
                }

                if (!next)
                {
                    yield break;
                }

                yield return e.Current;
            }
        }
    }
}

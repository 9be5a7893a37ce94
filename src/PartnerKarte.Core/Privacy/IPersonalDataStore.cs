using PartnerKarte.Karte;

namespace PartnerKarte.Privacy;

/// <summary>A karte store that can count, erase and age out the personal data it holds (the SQLite store implements it).</summary>
public interface IPersonalDataStore
{
    /// <summary>Counts what the store holds about a rep.</summary>
    /// <param name="repId">The person.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The holdings.</returns>
    Task<PersonalDataHoldings> CountPersonalDataAsync(RepId repId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes, in one transaction, the rep's record with its employment episodes, custom items and enrichment values, the
    /// interactions with the rep, the rep's mentions in other interactions and the rep's link on proposals.
    /// </summary>
    /// <param name="repId">The person.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was removed (all zero when nothing was held).</returns>
    Task<PersonalDataHoldings> ErasePersonalDataAsync(RepId repId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops statements, concerns and personality data (DiSC, MBTI, note) of reps with no interaction since
    /// <paramref name="inactiveBefore"/>.
    /// </summary>
    /// <param name="inactiveBefore">Reps whose last interaction is older than this (or who have none) are inactive.</param>
    /// <param name="dryRun">Only counts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was (or would be) dropped.</returns>
    Task<RetentionResult> ApplyRetentionAsync(DateTimeOffset inactiveBefore, bool dryRun = false, CancellationToken cancellationToken = default);
}

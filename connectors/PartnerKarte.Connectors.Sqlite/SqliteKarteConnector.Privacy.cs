using System.Text.Json;
using Microsoft.Data.Sqlite;
using PartnerKarte.Karte;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;
using static PartnerKarte.Connectors.Sqlite.SqliteValues;
using static PartnerKarte.Connectors.Shared.KarteValues;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>Personal data requests on the store: counting and erasing what is held about a rep, and the retention period.</summary>
public sealed partial class SqliteKarteConnector
{
    private const string InactiveReps =
        "SELECT r.id FROM reps r WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.rep_id = r.id AND i.occurred_ticks >= $cut)";

    /// <inheritdoc/>
    public Task<PersonalDataHoldings> CountPersonalDataAsync(RepId repId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = db.OpenConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        return Task.FromResult(Count(connection, tx, repId.Value));
    }

    /// <inheritdoc/>
    public async Task<PersonalDataHoldings> ErasePersonalDataAsync(RepId repId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var id = repId.Value;
        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction();
            var held = Count(connection, tx, id);
            if (!held.Any)
            {
                return held;
            }

            var seq = ReadSeq(connection, tx);
            var company = Scalar(connection, tx, "SELECT company_id FROM reps WHERE id = $rep", id) as string;

            // The rep's interactions go, each with a change-feed tombstone naming only the company, so the company is recomputed.
            foreach (var interaction in Ids(connection, tx, "SELECT id FROM interactions WHERE rep_id = $rep", id))
            {
                using var cmd = Command(connection, tx, "DELETE FROM interactions WHERE id = $id; INSERT INTO tombstones (seq, kind, id, rep_id, company_id) VALUES ($seq, $kind, $id, NULL, $company)");
                cmd.Parameters.AddWithValue("$id", interaction);
                cmd.Parameters.AddWithValue("$seq", ++seq);
                cmd.Parameters.AddWithValue("$kind", (int)KarteRecordKind.Interaction);
                cmd.Parameters.AddWithValue("$company", Db(company));
                cmd.ExecuteNonQuery();
            }

            // Other reps' interactions keep their record but lose the mention.
            var mentions = new List<(string Id, string Participants)>();
            using (var read = Command(connection, tx, "SELECT id, other_participants FROM interactions WHERE other_participants IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(interactions.other_participants) WHERE value = $rep)"))
            {
                read.Parameters.AddWithValue("$rep", id);
                using var r = read.ExecuteReader();
                while (r.Read())
                {
                    mentions.Add((r.GetString(0), r.GetString(1)));
                }
            }

            foreach (var (interaction, participants) in mentions)
            {
                var rest = (JsonSerializer.Deserialize<List<string>>(participants) ?? []).Where(p => p != id).ToList();
                using var cmd = Command(connection, tx, "UPDATE interactions SET other_participants = $rest, seq = $seq WHERE id = $id");
                cmd.Parameters.AddWithValue("$rest", rest.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(rest));
                cmd.Parameters.AddWithValue("$seq", ++seq);
                cmd.Parameters.AddWithValue("$id", interaction);
                cmd.ExecuteNonQuery();
            }

            // Proposals belong to the company: they stay, without the link to the person.
            foreach (var proposal in Ids(connection, tx, "SELECT id FROM proposals WHERE rep_id = $rep", id))
            {
                using var cmd = Command(connection, tx, "UPDATE proposals SET rep_id = NULL, seq = $seq WHERE id = $id");
                cmd.Parameters.AddWithValue("$seq", ++seq);
                cmd.Parameters.AddWithValue("$id", proposal);
                cmd.ExecuteNonQuery();
            }

            using (var cmd = Command(connection, tx, """
                DELETE FROM employment_episodes WHERE rep_id = $rep;
                DELETE FROM custom_items WHERE owner_kind = $owner AND owner_id = $rep;
                DELETE FROM tasks WHERE record_kind = $kind AND record_id = $rep;
                DELETE FROM reps WHERE id = $rep;
                INSERT INTO tombstones (seq, kind, id, rep_id, company_id) SELECT $seq, $kind, $rep, NULL, $company WHERE changes() > 0;
                """))
            {
                cmd.Parameters.AddWithValue("$rep", id);
                cmd.Parameters.AddWithValue("$owner", KarteTables.RepOwner);
                cmd.Parameters.AddWithValue("$kind", (int)KarteRecordKind.Rep);
                cmd.Parameters.AddWithValue("$seq", ++seq);
                cmd.Parameters.AddWithValue("$company", Db(company));
                cmd.ExecuteNonQuery();
            }

            WriteSeq(connection, tx, seq);
            tx.Commit();
            return held;
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }
        finally
        {
            db.WriteLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<RetentionResult> ApplyRetentionAsync(DateTimeOffset inactiveBefore, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction();
            var cut = inactiveBefore.UtcTicks;
            var interactions = new List<(string Id, bool Statements, bool Concerns)>();
            using (var read = Command(connection, tx, $"SELECT id, statements IS NOT NULL, concerns IS NOT NULL FROM interactions WHERE (statements IS NOT NULL OR concerns IS NOT NULL) AND rep_id IN ({InactiveReps})"))
            {
                read.Parameters.AddWithValue("$cut", cut);
                using var r = read.ExecuteReader();
                while (r.Read())
                {
                    interactions.Add((r.GetString(0), r.GetBoolean(1), r.GetBoolean(2)));
                }
            }

            var personalities = new List<string>();
            using (var read = Command(connection, tx, $"SELECT id FROM reps WHERE (disc IS NOT NULL OR mbti IS NOT NULL OR personality_note IS NOT NULL) AND id IN ({InactiveReps})"))
            {
                read.Parameters.AddWithValue("$cut", cut);
                using var r = read.ExecuteReader();
                while (r.Read())
                {
                    personalities.Add(r.GetString(0));
                }
            }

            int reps;
            using (var count = Command(connection, tx, $"SELECT count(DISTINCT rep_id) FROM (SELECT rep_id FROM interactions WHERE (statements IS NOT NULL OR concerns IS NOT NULL) AND rep_id IN ({InactiveReps}) UNION SELECT id FROM reps WHERE (disc IS NOT NULL OR mbti IS NOT NULL OR personality_note IS NOT NULL) AND id IN ({InactiveReps}))"))
            {
                count.Parameters.AddWithValue("$cut", cut);
                reps = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (!dryRun && (interactions.Count > 0 || personalities.Count > 0))
            {
                var seq = ReadSeq(connection, tx);
                using (var cmd = Command(connection, tx, "UPDATE interactions SET statements = NULL, concerns = NULL, seq = $seq WHERE id = $id"))
                {
                    var p = Parameters(cmd, "seq", "id");
                    foreach (var i in interactions)
                    {
                        p[0].Value = ++seq;
                        p[1].Value = i.Id;
                        cmd.ExecuteNonQuery();
                    }
                }

                using (var cmd = Command(connection, tx, "UPDATE reps SET disc = NULL, mbti = NULL, personality_note = NULL, seq = $seq WHERE id = $id"))
                {
                    var p = Parameters(cmd, "seq", "id");
                    foreach (var rep in personalities)
                    {
                        p[0].Value = ++seq;
                        p[1].Value = rep;
                        cmd.ExecuteNonQuery();
                    }
                }

                WriteSeq(connection, tx, seq);
                tx.Commit();
            }

            return new RetentionResult
            {
                InactiveBefore = inactiveBefore,
                Reps = reps,
                Statements = interactions.Count(i => i.Statements),
                Concerns = interactions.Count(i => i.Concerns),
                Personalities = personalities.Count,
            };
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }
        finally
        {
            db.WriteLock.Release();
        }
    }

    private static PersonalDataHoldings Count(SqliteConnection connection, SqliteTransaction tx, string id) => new()
    {
        Rep = Scalar(connection, tx, "SELECT count(*) FROM reps WHERE id = $rep", id) is long n && n > 0,
        EmploymentEpisodes = CountOf(connection, tx, "SELECT count(*) FROM employment_episodes WHERE rep_id = $rep", id),
        CustomItems = CountOf(connection, tx, $"SELECT count(*) FROM custom_items WHERE owner_kind = {KarteTables.RepOwner} AND owner_id = $rep", id),
        Interactions = CountOf(connection, tx, "SELECT count(*) FROM interactions WHERE rep_id = $rep", id),
        Mentions = CountOf(connection, tx, "SELECT count(*) FROM interactions WHERE rep_id <> $rep AND other_participants IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(interactions.other_participants) WHERE value = $rep)", id),
        ProposalLinks = CountOf(connection, tx, "SELECT count(*) FROM proposals WHERE rep_id = $rep", id),
        Enrichment = CountOf(connection, tx, "SELECT count(*) FROM rep_enrichment WHERE id = $rep", id) > 0,
    };

    private static object? Scalar(SqliteConnection connection, SqliteTransaction tx, string sql, string rep)
    {
        using var cmd = Command(connection, tx, sql);
        cmd.Parameters.AddWithValue("$rep", rep);
        return cmd.ExecuteScalar();
    }

    private static int CountOf(SqliteConnection connection, SqliteTransaction tx, string sql, string rep) =>
        Convert.ToInt32(Scalar(connection, tx, sql, rep), System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Ids(SqliteConnection connection, SqliteTransaction tx, string sql, string rep)
    {
        using var cmd = Command(connection, tx, sql);
        cmd.Parameters.AddWithValue("$rep", rep);
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read())
        {
            ids.Add(r.GetString(0));
        }

        return ids;
    }
}

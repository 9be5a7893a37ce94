using Microsoft.Data.Sqlite;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>The roster of our own team (自社担当の名簿), kept next to the kartes.</summary>
public sealed partial class SqliteKarteConnector
{
    /// <inheritdoc/>
    public override Task<IReadOnlyList<TeamMember>> ReadTeamAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = db.OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT id, name, team, active FROM team_members ORDER BY id";
            using var reader = cmd.ExecuteReader();
            var members = new List<TeamMember>();
            while (reader.Read())
            {
                members.Add(new TeamMember(new UserId(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3) != 0));
            }

            return Task.FromResult<IReadOnlyList<TeamMember>>(members);
        }
        catch (SqliteException ex)
        {
            throw db.Translate(ex);
        }
    }

    /// <summary>
    /// Adds or updates members of our team by id (name, team and active are replaced; a team left empty keeps the one
    /// stored). Members not in the list are kept: a roster imported from a CRM and one from a spreadsheet add up.
    /// </summary>
    /// <param name="members">The members.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of members written.</returns>
    public async Task<int> SaveTeamAsync(IReadOnlyList<TeamMember> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        cancellationToken.ThrowIfCancellationRequested();
        if (members.Count == 0)
        {
            return 0;
        }

        await db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = db.OpenConnection();
            using var tx = connection.BeginTransaction();
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO team_members (id, name, team, active) VALUES ($id, $name, $team, $active) "
                + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, team = coalesce(excluded.team, team_members.team), active = excluded.active";
            var id = cmd.Parameters.Add("$id", SqliteType.Text);
            var name = cmd.Parameters.Add("$name", SqliteType.Text);
            var team = cmd.Parameters.Add("$team", SqliteType.Text);
            var active = cmd.Parameters.Add("$active", SqliteType.Integer);
            var written = 0;
            foreach (var m in members.Where(m => !string.IsNullOrWhiteSpace(m.Id.Value)).DistinctBy(m => m.Id))
            {
                id.Value = m.Id.Value;
                name.Value = string.IsNullOrWhiteSpace(m.Name) ? m.Id.Value : m.Name;
                team.Value = string.IsNullOrWhiteSpace(m.Team) ? DBNull.Value : m.Team;
                active.Value = m.Active ? 1 : 0;
                written += cmd.ExecuteNonQuery();
            }

            tx.Commit();
            return written;
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
}

using Npgsql;
using NpgsqlTypes;
using PartnerKarte.Karte;

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>The roster of our own team (自社担当の名簿), kept next to the kartes.</summary>
public sealed partial class PostgreSqlKarteConnector
{
    /// <inheritdoc/>
    public override Task<IReadOnlyList<TeamMember>> ReadTeamAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = db.OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT id, name, team, active FROM team_members ORDER BY id COLLATE \"C\"";
            using var reader = cmd.ExecuteReader();
            var members = new List<TeamMember>();
            while (reader.Read())
            {
                members.Add(new TeamMember(new UserId(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3) != 0));
            }

            return Task.FromResult<IReadOnlyList<TeamMember>>(members);
        }
        catch (NpgsqlException ex)
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

        try
        {
            using var connection = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using var cmd = Command(connection, tx,
                "INSERT INTO team_members (id, name, team, active) VALUES (@id, @name, @team, @active) "
                + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, team = coalesce(excluded.team, team_members.team), active = excluded.active");
            var id = cmd.Parameters.Add("@id", NpgsqlDbType.Text);
            var name = cmd.Parameters.Add("@name", NpgsqlDbType.Text);
            var team = cmd.Parameters.Add("@team", NpgsqlDbType.Text);
            var active = cmd.Parameters.Add("@active", NpgsqlDbType.Integer);
            var written = 0;
            foreach (var m in members.Where(m => !string.IsNullOrWhiteSpace(m.Id.Value)).DistinctBy(m => m.Id))
            {
                id.Value = m.Id.Value;
                name.Value = string.IsNullOrWhiteSpace(m.Name) ? m.Id.Value : m.Name;
                team.Value = string.IsNullOrWhiteSpace(m.Team) ? DBNull.Value : m.Team;
                active.Value = m.Active ? 1 : 0;
                written += await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return written;
        }
        catch (NpgsqlException ex)
        {
            throw db.Translate(ex);
        }
    }
}

using Npgsql;
using PartnerKarte.Karte;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.PostgreSql.Tests;

/// <summary>Opening a store: created when missing, migrated once, and a foreign or newer schema refused and left untouched.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class StoreSchemaTests(PostgreSqlTestServer server)
{
    [Fact]
    public async Task A_schema_of_another_application_is_refused_and_left_untouched()
    {
        var schema = server.NewSchema();
        await ExecAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.customers (id int PRIMARY KEY, name text); INSERT INTO {schema}.customers VALUES (1, 'a');");

        var open = () => new PostgreSqlKarteConnector(server.DataSource, new PostgreSqlStoreOptions { Schema = schema });

        open.Should().Throw<PostgreSqlStoreException>().Where(e => e.Problem == PostgreSqlStoreProblem.ForeignSchema && e.Message.Contains(schema));
        (await ScalarAsync($"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}'")).Should().Be(1L);
        (await ScalarAsync($"SELECT count(*) FROM {schema}.customers")).Should().Be(1L);
    }

    [Fact]
    public async Task A_meta_table_without_the_partnerkarte_marker_is_foreign()
    {
        var schema = server.NewSchema();
        await ExecAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.meta (key text PRIMARY KEY, value text NOT NULL); INSERT INTO {schema}.meta VALUES ('schema_version', '1');");

        var open = () => new PostgreSqlSyncStateStore(server.DataSource, new PostgreSqlStoreOptions { Schema = schema });

        open.Should().Throw<PostgreSqlStoreException>().Which.Problem.Should().Be(PostgreSqlStoreProblem.ForeignSchema);
    }

    [Fact]
    public async Task A_newer_schema_is_refused_and_left_untouched()
    {
        var options = server.NewOptions();
        _ = new PostgreSqlKarteConnector(server.DataSource, options);
        await ExecAsync($"UPDATE {options.Schema}.meta SET value = '99' WHERE key = 'schema_version'");

        var open = () => new PostgreSqlKarteConnector(server.DataSource, options);

        open.Should().Throw<PostgreSqlStoreException>().Where(e => e.Problem == PostgreSqlStoreProblem.NewerSchema && e.Message.Contains("99"));
        (await ScalarAsync($"SELECT value FROM {options.Schema}.meta WHERE key = 'schema_version'")).Should().Be("99");
    }

    [Fact]
    public async Task An_older_store_is_migrated_step_by_step_keeping_its_data()
    {
        var options = server.NewOptions();
        PostgreSqlDatabase.Open(server.DataSource, options, targetVersion: 1);
        await ExecAsync($"INSERT INTO {options.Schema}.reps (id, seq, company_id, family_name, given_name, status, opted_out) VALUES ('R1', 1, 'C1', '佐藤', '花子', 0, 0)");
        (await ScalarAsync($"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{options.Schema}' AND column_name = 'enr_trust_reasons'")).Should().Be(0L);

        var connector = new PostgreSqlKarteConnector(server.DataSource, options);
        (await connector.WriteEnrichmentAsync([new EnrichmentRecord { Target = EnrichmentTarget.Rep, Id = "R1", TrustScore = 70, TrustReasons = "接触頻度が高い" }])).Should().OnlyContain(r => r.Succeeded);

        (await ScalarAsync($"SELECT value FROM {options.Schema}.meta WHERE key = 'schema_version'")).Should().Be("2");
        (await connector.ReadEnrichmentAsync(new EnrichmentKey(EnrichmentTarget.Rep, "R1")))!.TrustReasons.Should().Be("接触頻度が高い");
        (await ScalarAsync($"SELECT family_name FROM {options.Schema}.reps WHERE id = 'R1'")).Should().Be("佐藤");
    }

    [Fact]
    public void A_missing_schema_is_not_created_when_creation_is_off()
    {
        var open = () => new PostgreSqlKarteConnector(server.DataSource, new PostgreSqlStoreOptions { Schema = server.NewSchema(), CreateIfMissing = false });

        open.Should().Throw<PostgreSqlStoreException>().Which.Problem.Should().Be(PostgreSqlStoreProblem.NotFound);
    }

    [Fact]
    public async Task Reopening_keeps_the_data_and_the_identity_and_concurrent_openers_migrate_once()
    {
        var options = server.NewOptions();
        var connectors = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new PostgreSqlKarteConnector(server.DataSource, options))));
        connectors.Select(c => c.StateKey).Distinct().Should().ContainSingle().Which.Should().StartWith("postgres:");
        await connectors[0].UpsertKarteAsync(new KarteRecordBatch { Companies = [new PartnerCompany { Id = new CompanyId("C1"), Name = "株式会社テスト" }] });

        var again = new PostgreSqlKarteConnector(server.DataSource, options);

        again.StateKey.Should().Be(connectors[0].StateKey);
        (await ScalarAsync($"SELECT name FROM {options.Schema}.companies WHERE id = 'C1'")).Should().Be("株式会社テスト");
        (await ScalarAsync($"SELECT value FROM {options.Schema}.meta WHERE key = 'schema_version'")).Should().Be(PostgreSqlSchema.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        new PostgreSqlKarteConnector(server.DataSource, server.NewOptions()).StateKey.Should().NotBe(again.StateKey, "another store has an identity of its own");
    }

    [Fact]
    public void An_unreachable_server_is_a_clear_error_without_the_password()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=u;Password=secret-pw;Database=d;Timeout=3");

        var open = () => new PostgreSqlKarteConnector(dataSource, new PostgreSqlStoreOptions());

        var error = open.Should().Throw<PostgreSqlStoreException>().Which;
        error.Problem.Should().Be(PostgreSqlStoreProblem.Unavailable);
        error.Location.Should().Be($"127.0.0.1:{port}/d schema partnerkarte");
        error.Message.Should().NotContain("secret-pw");
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = server.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var cmd = server.DataSource.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync();
    }
}

namespace PartnerKarte.Connectors.PostgreSql;

/// <summary>
/// The store schema as forward-only migrations. The <c>meta</c> table marks the PostgreSQL schema (namespace) as a
/// PartnerKarte store (<c>application</c> = <see cref="ApplicationMarker"/>) and holds the applied version (<c>schema_version</c>).
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>Marks a PostgreSQL schema as a PartnerKarte store, so foreign tables are recognised and left alone.</summary>
    public const string ApplicationMarker = "partnerkarte";

    /// <summary>Migration N brings a version N-1 store to version N. Never edit a shipped step; append a new one.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: the karte with enrichment columns, the change sequence, sync state, engine state, run lease, erasures.
        //    Same tables and value formats as the SQLite store (schema 6), so a copy between the two is exact.
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('seq', '0');

        CREATE TABLE companies (
            id TEXT PRIMARY KEY, seq BIGINT NOT NULL,
            name TEXT NOT NULL, name_kana TEXT, corporate_number TEXT,
            industry TEXT, prefecture TEXT, address TEXT, employee_count INTEGER, year_founded INTEGER,
            revenue TEXT, capital TEXT, fiscal_closing_month INTEGER, existing_customer_count INTEGER,
            customer_segments TEXT, domain TEXT,
            business_policy TEXT, strengths TEXT, challenges TEXT, focus_tags TEXT,
            contract_type INTEGER, contract_start TEXT, contract_term_months INTEGER, contract_end TEXT,
            contract_auto_renew INTEGER, commission_rate TEXT, commission_review_date TEXT, sales_conditions TEXT,
            owner_id TEXT, modified_at TEXT,
            enr_written INTEGER NOT NULL DEFAULT 0,
            enr_deal_count INTEGER, enr_won_count INTEGER, enr_win_rate DOUBLE PRECISION, enr_revenue TEXT, enr_gross_profit TEXT,
            enr_completeness DOUBLE PRECISION, enr_contract_alert TEXT);
        CREATE INDEX ix_companies_seq ON companies (seq);

        CREATE TABLE reps (
            id TEXT PRIMARY KEY, seq BIGINT NOT NULL, company_id TEXT NOT NULL,
            family_name TEXT NOT NULL, given_name TEXT NOT NULL, family_kana TEXT, given_kana TEXT,
            title TEXT, department TEXT, email TEXT, phone TEXT, expertise_tags TEXT, interest_tags TEXT,
            disc INTEGER, mbti TEXT, personality_note TEXT, status INTEGER NOT NULL, owner_id TEXT,
            opted_out INTEGER NOT NULL, modified_at TEXT,
            enr_written INTEGER NOT NULL DEFAULT 0,
            enr_trust_score DOUBLE PRECISION, enr_trust_rank INTEGER, enr_trust_confidence DOUBLE PRECISION, enr_trust_trend DOUBLE PRECISION,
            enr_last_contact_date TEXT, enr_follow_up_priority INTEGER);
        CREATE INDEX ix_reps_seq ON reps (seq);
        CREATE INDEX ix_reps_company ON reps (company_id);

        CREATE TABLE employment_episodes (
            rep_id TEXT NOT NULL, ordinal INTEGER NOT NULL, company_id TEXT NOT NULL,
            title TEXT, department TEXT, from_date TEXT NOT NULL, to_date TEXT,
            PRIMARY KEY (rep_id, ordinal));

        CREATE TABLE custom_items (
            owner_kind INTEGER NOT NULL, owner_id TEXT NOT NULL, key TEXT NOT NULL,
            type INTEGER NOT NULL, value TEXT,
            PRIMARY KEY (owner_kind, owner_id, key));

        CREATE TABLE proposals (
            id TEXT PRIMARY KEY, seq BIGINT NOT NULL, company_id TEXT NOT NULL, rep_id TEXT, owner_id TEXT,
            offer TEXT NOT NULL, themes TEXT, amount TEXT NOT NULL, gross_profit TEXT,
            stage INTEGER NOT NULL, outcome INTEGER NOT NULL, created_on TEXT NOT NULL, closed_on TEXT,
            loss_category INTEGER, loss_note TEXT, modified_at TEXT);
        CREATE INDEX ix_proposals_seq ON proposals (seq);
        CREATE INDEX ix_proposals_company ON proposals (company_id);
        CREATE INDEX ix_proposals_rep ON proposals (rep_id);

        CREATE TABLE interactions (
            id TEXT PRIMARY KEY, seq BIGINT NOT NULL, rep_id TEXT NOT NULL,
            occurred_ticks BIGINT NOT NULL, occurred_offset INTEGER NOT NULL,
            channel INTEGER NOT NULL, initiator INTEGER NOT NULL, purpose INTEGER NOT NULL,
            response_latency_ticks BIGINT, user_id TEXT, other_participants TEXT,
            statements TEXT, reaction INTEGER NOT NULL, concerns TEXT,
            next_what TEXT, next_due TEXT, next_done_at TEXT, next_owner TEXT,
            proposal_id TEXT, modified_at TEXT);
        CREATE INDEX ix_interactions_seq ON interactions (seq);
        CREATE INDEX ix_interactions_rep ON interactions (rep_id);

        CREATE TABLE tombstones (seq BIGINT PRIMARY KEY, kind INTEGER NOT NULL, id TEXT NOT NULL, rep_id TEXT, company_id TEXT);

        CREATE TABLE tasks (
            operation_id TEXT PRIMARY KEY, record_kind INTEGER NOT NULL, record_id TEXT NOT NULL,
            owner_id TEXT, subject TEXT NOT NULL, description TEXT, due TEXT, done_at TEXT);
        CREATE INDEX ix_tasks_record ON tasks (record_kind, record_id);
        CREATE TABLE applied_operations (operation_id TEXT PRIMARY KEY);

        CREATE TABLE sync_watermarks (state_key TEXT PRIMARY KEY, watermark TEXT);
        CREATE TABLE sync_written (
            state_key TEXT NOT NULL, target INTEGER NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL,
            PRIMARY KEY (state_key, target, id));
        CREATE TABLE sync_failures (
            state_key TEXT NOT NULL, target INTEGER NOT NULL, id TEXT NOT NULL,
            error_code TEXT NOT NULL, reason TEXT NOT NULL, transient INTEGER NOT NULL, attempts INTEGER NOT NULL,
            first_failed_at TEXT NOT NULL, last_failed_at TEXT NOT NULL,
            PRIMARY KEY (state_key, target, id));
        CREATE TABLE sync_entries (
            state_key TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, value BYTEA NOT NULL,
            PRIMARY KEY (state_key, scope, key));
        CREATE TABLE sync_runs (
            run_id TEXT PRIMARY KEY, ordinal BIGSERIAL, state_key TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
            report TEXT NOT NULL);
        CREATE INDEX ix_sync_runs_key ON sync_runs (state_key, started_at);
        CREATE TABLE sync_leases (state_key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL);

        CREATE TABLE erasures (hash TEXT PRIMARY KEY, erased_at TEXT NOT NULL);
        """,

        // 2: the short Japanese reasons behind a rep's score and priority, written to the CRM next to them (SQLite schema 7).
        """
        ALTER TABLE reps ADD COLUMN enr_trust_reasons TEXT;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Count;
}

namespace PartnerKarte.Connectors.Sqlite;

/// <summary>The store schema as forward-only migrations; <c>PRAGMA user_version</c> holds the applied version.</summary>
internal static class SqliteSchema
{
    /// <summary>"PKar": marks the file as a PartnerKarte store, so foreign databases are recognised and left alone.</summary>
    public const int ApplicationId = 0x504B6172;

    /// <summary>Migration N brings a version N-1 store to version N. Never edit a shipped step; append a new one.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: the karte, enrichment columns, sync state.
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO meta (key, value) VALUES ('seq', '0');

        CREATE TABLE companies (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL,
            name TEXT NOT NULL, name_kana TEXT, corporate_number TEXT,
            industry TEXT, prefecture TEXT, address TEXT, employee_count INTEGER, year_founded INTEGER,
            revenue TEXT, capital TEXT, fiscal_closing_month INTEGER, existing_customer_count INTEGER,
            customer_segments TEXT, domain TEXT,
            business_policy TEXT, strengths TEXT, challenges TEXT, focus_tags TEXT,
            contract_type INTEGER, contract_start TEXT, contract_term_months INTEGER, contract_end TEXT,
            contract_auto_renew INTEGER, commission_rate TEXT, commission_review_date TEXT, sales_conditions TEXT,
            owner_id TEXT, modified_at TEXT,
            enr_written INTEGER NOT NULL DEFAULT 0,
            enr_deal_count INTEGER, enr_won_count INTEGER, enr_win_rate REAL, enr_revenue TEXT, enr_gross_profit TEXT,
            enr_completeness REAL, enr_contract_alert TEXT);
        CREATE INDEX ix_companies_seq ON companies (seq);

        CREATE TABLE reps (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL, company_id TEXT NOT NULL,
            family_name TEXT NOT NULL, given_name TEXT NOT NULL, family_kana TEXT, given_kana TEXT,
            title TEXT, department TEXT, email TEXT, phone TEXT, expertise_tags TEXT, interest_tags TEXT,
            disc INTEGER, mbti TEXT, personality_note TEXT, status INTEGER NOT NULL, owner_id TEXT,
            opted_out INTEGER NOT NULL, modified_at TEXT,
            enr_written INTEGER NOT NULL DEFAULT 0,
            enr_trust_score REAL, enr_trust_rank INTEGER, enr_trust_confidence REAL, enr_trust_trend REAL,
            enr_last_contact_date TEXT, enr_follow_up_priority INTEGER);
        CREATE INDEX ix_reps_seq ON reps (seq);
        CREATE INDEX ix_reps_company ON reps (company_id);

        CREATE TABLE employment_episodes (
            rep_id TEXT NOT NULL, ordinal INTEGER NOT NULL, company_id TEXT NOT NULL,
            title TEXT, department TEXT, from_date TEXT NOT NULL, to_date TEXT,
            PRIMARY KEY (rep_id, ordinal)) WITHOUT ROWID;

        CREATE TABLE custom_items (
            owner_kind INTEGER NOT NULL, owner_id TEXT NOT NULL, key TEXT NOT NULL,
            type INTEGER NOT NULL, value TEXT,
            PRIMARY KEY (owner_kind, owner_id, key)) WITHOUT ROWID;

        CREATE TABLE proposals (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL, company_id TEXT NOT NULL, rep_id TEXT, owner_id TEXT,
            offer TEXT NOT NULL, themes TEXT, amount TEXT NOT NULL, gross_profit TEXT NOT NULL,
            stage INTEGER NOT NULL, outcome INTEGER NOT NULL, created_on TEXT NOT NULL, closed_on TEXT,
            loss_category INTEGER, loss_note TEXT, modified_at TEXT);
        CREATE INDEX ix_proposals_seq ON proposals (seq);
        CREATE INDEX ix_proposals_company ON proposals (company_id);
        CREATE INDEX ix_proposals_rep ON proposals (rep_id);

        CREATE TABLE interactions (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL, rep_id TEXT NOT NULL,
            occurred_ticks INTEGER NOT NULL, occurred_offset INTEGER NOT NULL,
            channel INTEGER NOT NULL, initiator INTEGER NOT NULL, purpose INTEGER NOT NULL,
            response_latency_ticks INTEGER, user_id TEXT, other_participants TEXT,
            statements TEXT, reaction INTEGER NOT NULL, concerns TEXT,
            next_what TEXT, next_due TEXT, next_done_at TEXT, next_owner TEXT,
            proposal_id TEXT, modified_at TEXT);
        CREATE INDEX ix_interactions_seq ON interactions (seq);
        CREATE INDEX ix_interactions_rep ON interactions (rep_id);

        CREATE TABLE tombstones (seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, id TEXT NOT NULL);

        CREATE TABLE sync_watermarks (state_key TEXT PRIMARY KEY, watermark TEXT) WITHOUT ROWID;
        CREATE TABLE sync_written (
            state_key TEXT NOT NULL, target INTEGER NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL,
            PRIMARY KEY (state_key, target, id)) WITHOUT ROWID;
        CREATE TABLE sync_failures (
            state_key TEXT NOT NULL, target INTEGER NOT NULL, id TEXT NOT NULL,
            error_code TEXT NOT NULL, reason TEXT NOT NULL, transient INTEGER NOT NULL, attempts INTEGER NOT NULL,
            first_failed_at TEXT NOT NULL, last_failed_at TEXT NOT NULL,
            PRIMARY KEY (state_key, target, id)) WITHOUT ROWID;
        CREATE TABLE sync_runs (
            run_id TEXT PRIMARY KEY, state_key TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
            report TEXT NOT NULL);
        CREATE INDEX ix_sync_runs_key ON sync_runs (state_key, started_at);
        """,

        // 2: incremental engine state (per-rep scoring accumulators ...) and handover tasks/operations.
        """
        CREATE TABLE sync_entries (
            state_key TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,
            PRIMARY KEY (state_key, scope, key)) WITHOUT ROWID;
        CREATE TABLE tasks (
            operation_id TEXT PRIMARY KEY, record_kind INTEGER NOT NULL, record_id TEXT NOT NULL,
            owner_id TEXT, subject TEXT NOT NULL, description TEXT, due TEXT, done_at TEXT) WITHOUT ROWID;
        CREATE INDEX ix_tasks_record ON tasks (record_kind, record_id);
        CREATE TABLE applied_operations (operation_id TEXT PRIMARY KEY) WITHOUT ROWID;
        """,

        // 3: a tombstone remembers the rep and company its record belonged to, so the sync can recompute them.
        """
        ALTER TABLE tombstones ADD COLUMN rep_id TEXT;
        ALTER TABLE tombstones ADD COLUMN company_id TEXT;
        """,

        // 4: a proposal's gross profit may be unknown (NULL) rather than 0. SQLite cannot drop NOT NULL in place,
        //    so the table is rebuilt with the same rows and indexes.
        """
        CREATE TABLE proposals_v4 (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL, company_id TEXT NOT NULL, rep_id TEXT, owner_id TEXT,
            offer TEXT NOT NULL, themes TEXT, amount TEXT NOT NULL, gross_profit TEXT,
            stage INTEGER NOT NULL, outcome INTEGER NOT NULL, created_on TEXT NOT NULL, closed_on TEXT,
            loss_category INTEGER, loss_note TEXT, modified_at TEXT);
        INSERT INTO proposals_v4 SELECT id, seq, company_id, rep_id, owner_id, offer, themes, amount, gross_profit,
            stage, outcome, created_on, closed_on, loss_category, loss_note, modified_at FROM proposals;
        DROP TABLE proposals;
        ALTER TABLE proposals_v4 RENAME TO proposals;
        CREATE INDEX ix_proposals_seq ON proposals (seq);
        CREATE INDEX ix_proposals_company ON proposals (company_id);
        CREATE INDEX ix_proposals_rep ON proposals (rep_id);
        """,

        // 5: an identity of its own, so that sync and migration state kept about this store (in it or in another
        //    file) is never mistaken for state about a different store or a re-created one.
        """
        INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
        """,

        // 6: erasures (消去): a keyed hash per erased rep (the key stays in this file), so syncs never bring the person back.
        """
        CREATE TABLE erasures (hash TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO meta (key, value) VALUES ('erasure_key', lower(hex(randomblob(32))));
        """,

        // 7: the short Japanese reasons behind a rep's score and priority, written to the CRM next to them.
        """
        ALTER TABLE reps ADD COLUMN enr_trust_reasons TEXT;
        """,

        // 8: our own team (自社担当の名簿): names for owner ids, and who can take over work in a handover.
        """
        CREATE TABLE team_members (id TEXT PRIMARY KEY, name TEXT NOT NULL, team TEXT, active INTEGER NOT NULL) WITHOUT ROWID;
        """,

        // 9: interactions kept in rep order (clustered by rep, then id): a karte read, the nightly sync and the report read
        //    a rep's interactions from neighbouring pages instead of one page per interaction. The id stays unique.
        """
        CREATE TABLE interactions_v9 (
            id TEXT NOT NULL, seq INTEGER NOT NULL, rep_id TEXT NOT NULL,
            occurred_ticks INTEGER NOT NULL, occurred_offset INTEGER NOT NULL,
            channel INTEGER NOT NULL, initiator INTEGER NOT NULL, purpose INTEGER NOT NULL,
            response_latency_ticks INTEGER, user_id TEXT, other_participants TEXT,
            statements TEXT, reaction INTEGER NOT NULL, concerns TEXT,
            next_what TEXT, next_due TEXT, next_done_at TEXT, next_owner TEXT,
            proposal_id TEXT, modified_at TEXT,
            PRIMARY KEY (rep_id, id)) WITHOUT ROWID;
        INSERT INTO interactions_v9 SELECT id, seq, rep_id, occurred_ticks, occurred_offset, channel, initiator, purpose,
            response_latency_ticks, user_id, other_participants, statements, reaction, concerns, next_what, next_due,
            next_done_at, next_owner, proposal_id, modified_at FROM interactions ORDER BY rep_id;
        DROP TABLE interactions;
        ALTER TABLE interactions_v9 RENAME TO interactions;
        CREATE UNIQUE INDEX ux_interactions_id ON interactions (id);
        CREATE INDEX ix_interactions_seq ON interactions (seq);
        """,

        // 10: enrichment in narrow tables of its own, one row per written rep or company: a night's writes touch a few
        //     small pages instead of rewriting the wide karte rows. Rows sit in the order they were first written (the
        //     sync writes company by company, in the same order every night), so a write batch updates neighbouring
        //     pages; the id is a unique index. A deleted rep or company takes its row along.
        """
        CREATE TABLE rep_enrichment (
            id TEXT NOT NULL UNIQUE, trust_score REAL, trust_rank INTEGER, trust_confidence REAL, trust_trend REAL,
            last_contact_date TEXT, follow_up_priority INTEGER, trust_reasons TEXT);
        INSERT INTO rep_enrichment SELECT id, enr_trust_score, enr_trust_rank, enr_trust_confidence, enr_trust_trend,
            enr_last_contact_date, enr_follow_up_priority, enr_trust_reasons FROM reps WHERE enr_written <> 0 ORDER BY company_id, id;
        CREATE TABLE company_enrichment (
            id TEXT NOT NULL UNIQUE, deal_count INTEGER, won_count INTEGER, win_rate REAL, revenue TEXT, gross_profit TEXT,
            completeness REAL, contract_alert TEXT);
        INSERT INTO company_enrichment SELECT id, enr_deal_count, enr_won_count, enr_win_rate, enr_revenue, enr_gross_profit,
            enr_completeness, enr_contract_alert FROM companies WHERE enr_written <> 0;
        ALTER TABLE reps DROP COLUMN enr_written;
        ALTER TABLE reps DROP COLUMN enr_trust_score;
        ALTER TABLE reps DROP COLUMN enr_trust_rank;
        ALTER TABLE reps DROP COLUMN enr_trust_confidence;
        ALTER TABLE reps DROP COLUMN enr_trust_trend;
        ALTER TABLE reps DROP COLUMN enr_last_contact_date;
        ALTER TABLE reps DROP COLUMN enr_follow_up_priority;
        ALTER TABLE reps DROP COLUMN enr_trust_reasons;
        ALTER TABLE companies DROP COLUMN enr_written;
        ALTER TABLE companies DROP COLUMN enr_deal_count;
        ALTER TABLE companies DROP COLUMN enr_won_count;
        ALTER TABLE companies DROP COLUMN enr_win_rate;
        ALTER TABLE companies DROP COLUMN enr_revenue;
        ALTER TABLE companies DROP COLUMN enr_gross_profit;
        ALTER TABLE companies DROP COLUMN enr_completeness;
        ALTER TABLE companies DROP COLUMN enr_contract_alert;
        CREATE TRIGGER tr_reps_enrichment AFTER DELETE ON reps BEGIN DELETE FROM rep_enrichment WHERE id = old.id; END;
        CREATE TRIGGER tr_companies_enrichment AFTER DELETE ON companies BEGIN DELETE FROM company_enrichment WHERE id = old.id; END;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Count;
}

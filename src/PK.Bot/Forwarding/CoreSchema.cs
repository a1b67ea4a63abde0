namespace PK.Bot.Forwarding;

/// <summary>
/// The core's tables (docs/architecture.md, "The core database"), as numbered steps per dialect. Every step is idempotent DDL;
/// <c>pk_core_schema</c> records which steps a database has, so a newer bot upgrades an older core and never repeats a step.
/// </summary>
internal static class CoreSchema
{
    public const string VersionTable = "pk_core_schema";

    public static readonly IReadOnlyList<string> Postgres =
    [
        """
        CREATE TABLE IF NOT EXISTS pk_family_records (
            record_id      uuid        PRIMARY KEY,
            record_version integer     NOT NULL CHECK (record_version >= 1),
            form_id        text        NOT NULL,
            form_version   text        NOT NULL,
            region_code    text        NOT NULL CHECK (region_code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$'),
            kader_id       text        NOT NULL,
            started_at     timestamptz NOT NULL,
            submitted_at   timestamptz NOT NULL,
            received_at    timestamptz NOT NULL,
            payload        jsonb       NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_pk_family_records_region ON pk_family_records (region_code);
        CREATE TABLE IF NOT EXISTS pk_family_record_history (
            record_id      uuid        NOT NULL,
            record_version integer     NOT NULL,
            form_id        text        NOT NULL,
            form_version   text        NOT NULL,
            region_code    text        NOT NULL,
            kader_id       text        NOT NULL,
            started_at     timestamptz NOT NULL,
            submitted_at   timestamptz NOT NULL,
            received_at    timestamptz NOT NULL,
            payload        jsonb       NOT NULL,
            PRIMARY KEY (record_id, record_version));
        CREATE TABLE IF NOT EXISTS pk_family_record_conflicts (
            id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            record_id      uuid        NOT NULL,
            record_version integer     NOT NULL,
            form_id        text        NOT NULL,
            form_version   text        NOT NULL,
            region_code    text        NOT NULL,
            kader_id       text        NOT NULL,
            started_at     timestamptz NOT NULL,
            submitted_at   timestamptz NOT NULL,
            received_at    timestamptz NOT NULL,
            payload        jsonb       NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_pk_family_record_conflicts_record ON pk_family_record_conflicts (record_id, record_version);
        """,
    ];

    public static readonly IReadOnlyList<string> Sqlite =
    [
        """
        CREATE TABLE IF NOT EXISTS pk_family_records (
            record_id      TEXT    NOT NULL PRIMARY KEY CHECK (length(record_id) = 36 AND record_id = lower(record_id)),
            record_version INTEGER NOT NULL CHECK (record_version >= 1),
            form_id        TEXT    NOT NULL,
            form_version   TEXT    NOT NULL,
            region_code    TEXT    NOT NULL CHECK (region_code GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]'),
            kader_id       TEXT    NOT NULL,
            started_at     TEXT    NOT NULL,
            submitted_at   TEXT    NOT NULL,
            received_at    TEXT    NOT NULL,
            payload        TEXT    NOT NULL CHECK (json_valid(payload)));
        CREATE INDEX IF NOT EXISTS ix_pk_family_records_region ON pk_family_records (region_code);
        CREATE TABLE IF NOT EXISTS pk_family_record_history (
            record_id      TEXT    NOT NULL,
            record_version INTEGER NOT NULL,
            form_id        TEXT    NOT NULL,
            form_version   TEXT    NOT NULL,
            region_code    TEXT    NOT NULL,
            kader_id       TEXT    NOT NULL,
            started_at     TEXT    NOT NULL,
            submitted_at   TEXT    NOT NULL,
            received_at    TEXT    NOT NULL,
            payload        TEXT    NOT NULL,
            PRIMARY KEY (record_id, record_version));
        CREATE TABLE IF NOT EXISTS pk_family_record_conflicts (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            record_id      TEXT    NOT NULL,
            record_version INTEGER NOT NULL,
            form_id        TEXT    NOT NULL,
            form_version   TEXT    NOT NULL,
            region_code    TEXT    NOT NULL,
            kader_id       TEXT    NOT NULL,
            started_at     TEXT    NOT NULL,
            submitted_at   TEXT    NOT NULL,
            received_at    TEXT    NOT NULL,
            payload        TEXT    NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_pk_family_record_conflicts_record ON pk_family_record_conflicts (record_id, record_version);
        """,
    ];
}

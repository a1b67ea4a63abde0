namespace PK.Bot.Persistence.Migrations;

/// <summary>
/// SQLite triggers that keep <c>area_backlog</c> (waiting versions per desa and kader, and the earliest of them) exact:
/// a version counts for the desa and kader of its family's fact while its status is Pending. Whichever of the two rows a
/// turn writes first, the second one's trigger finds the first, so the order of inserts does not matter.
/// </summary>
internal static class BacklogTriggers
{
    // Add one waiting version (NEW) to its family's desa and kader, if the family's fact exists yet.
    private const string Join = """
        INSERT INTO area_backlog ("DesaCode", "KaderId", "Waiting", "Oldest")
        SELECT f."DesaCode", f."KaderId", 1, NEW."SubmittedAt" FROM family_facts AS f WHERE f."RecordId" = NEW."RecordId"
        ON CONFLICT ("DesaCode", "KaderId") DO UPDATE SET "Waiting" = "Waiting" + excluded."Waiting",
          "Oldest" = coalesce(min("Oldest", excluded."Oldest"), "Oldest", excluded."Oldest");
        """;

    // The earliest waiting version among one desa and kader's families (the fact index, then one probe per family).
    private const string Earliest = """
        (SELECT MIN(s."SubmittedAt") FROM family_facts AS g CROSS JOIN submitted_records AS s
         ON s."ForwardStatus" = 'Pending' AND s."RecordId" = g."RecordId"
         WHERE g."DesaCode" = area_backlog."DesaCode" AND g."KaderId" = area_backlog."KaderId")
        """;

    // Take one version (OLD) that no longer waits off its family's desa and kader; recount the earliest only when it was that.
    private const string Leave = $"""
        UPDATE area_backlog SET "Waiting" = "Waiting" - 1,
          "Oldest" = CASE WHEN "Oldest" = OLD."SubmittedAt" THEN {Earliest} ELSE "Oldest" END
        WHERE ("DesaCode", "KaderId") = (SELECT f."DesaCode", f."KaderId" FROM family_facts AS f WHERE f."RecordId" = OLD."RecordId");
        """;

    // A fact leaving (deleted, or moved to another desa or kader) takes its family's waiting versions with it.
    private const string FactLeave = $"""
        UPDATE area_backlog SET
          "Waiting" = "Waiting" - (SELECT COUNT(*) FROM submitted_records AS s WHERE s."ForwardStatus" = 'Pending' AND s."RecordId" = OLD."RecordId"),
          "Oldest" = {Earliest}
        WHERE "DesaCode" = OLD."DesaCode" AND "KaderId" = OLD."KaderId";
        """;

    // A fact arriving (inserted, or moved here) brings its family's waiting versions.
    private const string FactJoin = """
        INSERT INTO area_backlog ("DesaCode", "KaderId", "Waiting", "Oldest")
        SELECT NEW."DesaCode", NEW."KaderId", w.n, w.m
        FROM (SELECT COUNT(*) AS n, MIN(s."SubmittedAt") AS m FROM submitted_records AS s
              WHERE s."ForwardStatus" = 'Pending' AND s."RecordId" = NEW."RecordId") AS w
        WHERE w.n > 0
        ON CONFLICT ("DesaCode", "KaderId") DO UPDATE SET "Waiting" = "Waiting" + excluded."Waiting",
          "Oldest" = coalesce(min("Oldest", excluded."Oldest"), "Oldest", excluded."Oldest");
        """;

    // A waiting version whose key or time changes leaves and joins again.
    private const string Moved = """(OLD."RecordId" IS NOT NEW."RecordId" OR OLD."SubmittedAt" IS NOT NEW."SubmittedAt")""";

    public static readonly string[] Names =
    [
        "area_backlog_record_insert", "area_backlog_record_delete", "area_backlog_record_leave", "area_backlog_record_join",
        "area_backlog_fact_insert", "area_backlog_fact_delete", "area_backlog_fact_move",
    ];

    public static readonly string[] Create =
    [
        $"""
        CREATE TRIGGER area_backlog_record_insert AFTER INSERT ON submitted_records
        WHEN NEW."ForwardStatus" = 'Pending' BEGIN {Join} END;
        """,
        $"""
        CREATE TRIGGER area_backlog_record_delete AFTER DELETE ON submitted_records
        WHEN OLD."ForwardStatus" = 'Pending' BEGIN {Leave} END;
        """,
        $"""
        CREATE TRIGGER area_backlog_record_leave AFTER UPDATE OF "ForwardStatus", "RecordId", "SubmittedAt" ON submitted_records
        WHEN OLD."ForwardStatus" = 'Pending' AND (NEW."ForwardStatus" <> 'Pending' OR {Moved}) BEGIN {Leave} END;
        """,
        $"""
        CREATE TRIGGER area_backlog_record_join AFTER UPDATE OF "ForwardStatus", "RecordId", "SubmittedAt" ON submitted_records
        WHEN NEW."ForwardStatus" = 'Pending' AND (OLD."ForwardStatus" <> 'Pending' OR {Moved}) BEGIN {Join} END;
        """,
        $"""
        CREATE TRIGGER area_backlog_fact_insert AFTER INSERT ON family_facts BEGIN {FactJoin} END;
        """,
        $"""
        CREATE TRIGGER area_backlog_fact_delete AFTER DELETE ON family_facts BEGIN {FactLeave} END;
        """,
        $"""
        CREATE TRIGGER area_backlog_fact_move AFTER UPDATE OF "DesaCode", "KaderId", "RecordId" ON family_facts
        WHEN OLD."DesaCode" IS NOT NEW."DesaCode" OR OLD."KaderId" IS NOT NEW."KaderId" OR OLD."RecordId" IS NOT NEW."RecordId"
        BEGIN {FactLeave} {FactJoin} END;
        """,
    ];
}

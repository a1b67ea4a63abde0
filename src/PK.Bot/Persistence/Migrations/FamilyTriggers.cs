namespace PK.Bot.Persistence.Migrations;

/// <summary>SQLite triggers that keep <c>area_families</c> (families per desa and kader, berisiko, the latest) exact.</summary>
internal static class FamilyTriggers
{
    // A fact (NEW) counts for its desa and kader.
    private const string Join = """
        INSERT INTO area_families ("DesaCode", "KaderId", "Families", "Berisiko", "LastFamilyAt")
        VALUES (NEW."DesaCode", NEW."KaderId", 1, NEW."Berisiko", NEW."FirstSubmittedAt")
        ON CONFLICT ("DesaCode", "KaderId") DO UPDATE SET "Families" = "Families" + 1, "Berisiko" = "Berisiko" + excluded."Berisiko",
          "LastFamilyAt" = coalesce(max("LastFamilyAt", excluded."LastFamilyAt"), "LastFamilyAt", excluded."LastFamilyAt");
        """;

    // A fact (OLD) no longer counts there; the latest is looked up again (the group's slice of the facts index) only when it was that one.
    private const string Leave = """
        UPDATE area_families SET "Families" = "Families" - 1, "Berisiko" = "Berisiko" - OLD."Berisiko",
          "LastFamilyAt" = CASE WHEN "LastFamilyAt" = OLD."FirstSubmittedAt"
            THEN (SELECT MAX(g."FirstSubmittedAt") FROM family_facts AS g
                  WHERE g."DesaCode" = area_families."DesaCode" AND g."KaderId" = area_families."KaderId")
            ELSE "LastFamilyAt" END
        WHERE "DesaCode" = OLD."DesaCode" AND "KaderId" = OLD."KaderId";
        """;

    public static readonly string[] Names = ["area_families_fact_insert", "area_families_fact_delete", "area_families_fact_update"];

    public static readonly string[] Create =
    [
        $"""
        CREATE TRIGGER area_families_fact_insert AFTER INSERT ON family_facts BEGIN {Join} END;
        """,
        $"""
        CREATE TRIGGER area_families_fact_delete AFTER DELETE ON family_facts BEGIN {Leave} END;
        """,
        $"""
        CREATE TRIGGER area_families_fact_update AFTER UPDATE OF "DesaCode", "KaderId", "Berisiko", "FirstSubmittedAt" ON family_facts
        WHEN OLD."DesaCode" IS NOT NEW."DesaCode" OR OLD."KaderId" IS NOT NEW."KaderId" OR OLD."Berisiko" IS NOT NEW."Berisiko"
          OR OLD."FirstSubmittedAt" IS NOT NEW."FirstSubmittedAt"
        BEGIN {Leave} {Join} END;
        """,
    ];
}

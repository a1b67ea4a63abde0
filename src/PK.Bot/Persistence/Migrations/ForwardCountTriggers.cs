namespace PK.Bot.Persistence.Migrations;

/// <summary>SQLite triggers that keep <c>forward_counts</c> (submitted records per forwarding status) exact.</summary>
internal static class ForwardCountTriggers
{
    private const string Join = """
        INSERT INTO forward_counts ("Status", "Records") VALUES (NEW."ForwardStatus", 1)
        ON CONFLICT ("Status") DO UPDATE SET "Records" = "Records" + 1;
        """;

    private const string Leave = """
        UPDATE forward_counts SET "Records" = "Records" - 1 WHERE "Status" = OLD."ForwardStatus";
        """;

    public static readonly string[] Names = ["forward_counts_insert", "forward_counts_delete", "forward_counts_update"];

    public static readonly string[] Create =
    [
        $"""
        CREATE TRIGGER forward_counts_insert AFTER INSERT ON submitted_records BEGIN {Join} END;
        """,
        $"""
        CREATE TRIGGER forward_counts_delete AFTER DELETE ON submitted_records BEGIN {Leave} END;
        """,
        $"""
        CREATE TRIGGER forward_counts_update AFTER UPDATE OF "ForwardStatus" ON submitted_records
        WHEN OLD."ForwardStatus" IS NOT NEW."ForwardStatus" BEGIN {Leave} {Join} END;
        """,
    ];
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ForwardStatusCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forward_counts",
                columns: table => new
                {
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Records = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forward_counts", x => x.Status);
                });

            // The records already there, then triggers that keep the counts exact in the statement that changes a record.
            migrationBuilder.Sql("""
                INSERT INTO forward_counts ("Status", "Records")
                SELECT s."ForwardStatus", COUNT(*) FROM submitted_records AS s GROUP BY s."ForwardStatus";
                """);
            foreach (var trigger in ForwardCountTriggers.Create)
                migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in ForwardCountTriggers.Names)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
            migrationBuilder.DropTable(
                name: "forward_counts");
        }
    }
}

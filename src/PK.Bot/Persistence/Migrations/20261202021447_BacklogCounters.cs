using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BacklogCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "area_backlog",
                columns: table => new
                {
                    DesaCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    KaderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Waiting = table.Column<int>(type: "INTEGER", nullable: false),
                    Oldest = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_area_backlog", x => new { x.DesaCode, x.KaderId });
                });

            // What already waits, then triggers that keep it exact in the statement that changes a record or a fact.
            migrationBuilder.Sql("""
                INSERT INTO area_backlog ("DesaCode", "KaderId", "Waiting", "Oldest")
                SELECT f."DesaCode", f."KaderId", COUNT(*), MIN(s."SubmittedAt")
                FROM submitted_records AS s JOIN family_facts AS f ON f."RecordId" = s."RecordId"
                WHERE s."ForwardStatus" = 'Pending'
                GROUP BY f."DesaCode", f."KaderId";
                """);
            foreach (var trigger in BacklogTriggers.Create)
                migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in BacklogTriggers.Names)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
            migrationBuilder.DropTable(
                name: "area_backlog");
        }
    }
}

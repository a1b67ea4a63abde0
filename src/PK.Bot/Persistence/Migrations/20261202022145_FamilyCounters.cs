using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FamilyCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "area_families",
                columns: table => new
                {
                    DesaCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    KaderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Families = table.Column<int>(type: "INTEGER", nullable: false),
                    Berisiko = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFamilyAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_area_families", x => new { x.DesaCode, x.KaderId });
                });

            // The families already recorded, then triggers that keep the sums exact in the statement that writes a fact.
            migrationBuilder.Sql("""
                INSERT INTO area_families ("DesaCode", "KaderId", "Families", "Berisiko", "LastFamilyAt")
                SELECT f."DesaCode", f."KaderId", COUNT(*), SUM(f."Berisiko"), MAX(f."FirstSubmittedAt")
                FROM family_facts AS f
                GROUP BY f."DesaCode", f."KaderId";
                """);
            foreach (var trigger in FamilyTriggers.Create)
                migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in FamilyTriggers.Names)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {name};");
            migrationBuilder.DropTable(
                name: "area_families");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardLinksSessionsPiiDownloadsAndRiskMask : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RiskMask",
                table: "family_facts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "dashboard_links",
                columns: table => new
                {
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<string>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_links", x => x.TokenHash);
                    table.ForeignKey(
                        name: "FK_dashboard_links_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_sessions",
                columns: table => new
                {
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_sessions", x => x.TokenHash);
                    table.ForeignKey(
                        name: "FK_dashboard_sessions_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pii_downloads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DownloadedAt = table.Column<string>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pii_downloads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pii_downloads_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_family_facts_DesaCode_RiskMask",
                table: "family_facts",
                columns: new[] { "DesaCode", "RiskMask" },
                filter: "\"RiskMask\" <> 0");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_links_ExpiresAt",
                table: "dashboard_links",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_links_PersonId",
                table: "dashboard_links",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_sessions_ExpiresAt",
                table: "dashboard_sessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_sessions_PersonId",
                table: "dashboard_sessions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_pii_downloads_DownloadedAt",
                table: "pii_downloads",
                column: "DownloadedAt");

            migrationBuilder.CreateIndex(
                name: "IX_pii_downloads_PersonId",
                table: "pii_downloads",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_links");

            migrationBuilder.DropTable(
                name: "dashboard_sessions");

            migrationBuilder.DropTable(
                name: "pii_downloads");

            migrationBuilder.DropIndex(
                name: "IX_family_facts_DesaCode_RiskMask",
                table: "family_facts");

            migrationBuilder.DropColumn(
                name: "RiskMask",
                table: "family_facts");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "area_targets",
                columns: table => new
                {
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    TargetFamilies = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_area_targets", x => x.RegionCode);
                });

            migrationBuilder.CreateTable(
                name: "export_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChatId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    RequestedAt = table.Column<string>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_export_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_export_requests_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "family_facts",
                columns: table => new
                {
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    KaderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DesaCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    FirstSubmittedAt = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedLocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastSubmittedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Berisiko = table.Column<bool>(type: "INTEGER", nullable: false),
                    MemberCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_family_facts", x => x.RecordId);
                });

            migrationBuilder.CreateTable(
                name: "report_deliveries",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_deliveries", x => new { x.PersonId, x.LocalDate, x.Kind });
                    table.ForeignKey(
                        name: "FK_report_deliveries_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_submitted_records_ForwardStatus_RecordId_SubmittedAt",
                table: "submitted_records",
                columns: new[] { "ForwardStatus", "RecordId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_export_requests_CompletedAt",
                table: "export_requests",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_export_requests_PersonId",
                table: "export_requests",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_family_facts_DesaCode_KaderId_SubmittedLocalDate_Berisiko_FirstSubmittedAt",
                table: "family_facts",
                columns: new[] { "DesaCode", "KaderId", "SubmittedLocalDate", "Berisiko", "FirstSubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_family_facts_KaderId_SubmittedLocalDate",
                table: "family_facts",
                columns: new[] { "KaderId", "SubmittedLocalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_family_facts_RecordId_Version_DesaCode_KaderId",
                table: "family_facts",
                columns: new[] { "RecordId", "Version", "DesaCode", "KaderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "area_targets");

            migrationBuilder.DropTable(
                name: "export_requests");

            migrationBuilder.DropTable(
                name: "family_facts");

            migrationBuilder.DropTable(
                name: "report_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_submitted_records_ForwardStatus_RecordId_SubmittedAt",
                table: "submitted_records");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KaderInterviewsCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_interviews_KaderId_Status",
                table: "interviews");

            migrationBuilder.CreateIndex(
                name: "IX_interviews_KaderId_Status_SubmittedAt_UpdatedAt_RecordId",
                table: "interviews",
                columns: new[] { "KaderId", "Status", "SubmittedAt", "UpdatedAt", "RecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_interviews_KaderId_Status_SubmittedAt_UpdatedAt_RecordId",
                table: "interviews");

            migrationBuilder.CreateIndex(
                name: "IX_interviews_KaderId_Status",
                table: "interviews",
                columns: new[] { "KaderId", "Status" });
        }
    }
}

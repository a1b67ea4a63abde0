using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ForwardState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forward_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<string>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<string>(type: "TEXT", nullable: true),
                    LastErrorAt = table.Column<string>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConfigurationError = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forward_state", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_submitted_records_ForwardStatus_Id",
                table: "submitted_records",
                columns: new[] { "ForwardStatus", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "forward_state");

            migrationBuilder.DropIndex(
                name: "IX_submitted_records_ForwardStatus_Id",
                table: "submitted_records");
        }
    }
}

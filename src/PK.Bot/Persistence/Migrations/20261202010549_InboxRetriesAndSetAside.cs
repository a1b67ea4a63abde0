using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InboxRetriesAndSetAside : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "inbox_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ChatId",
                table: "inbox_messages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "inbox_messages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NextAttemptAt",
                table: "inbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SetAsideAt",
                table: "inbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbox_messages_SetAsideAt",
                table: "inbox_messages",
                column: "SetAsideAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_inbox_messages_SetAsideAt",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "ChatId",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "SetAsideAt",
                table: "inbox_messages");
        }
    }
}

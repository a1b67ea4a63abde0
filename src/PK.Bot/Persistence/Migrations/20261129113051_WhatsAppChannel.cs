using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WhatsAppChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "whatsapp_contacts",
                columns: table => new
                {
                    WaId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LastInboundAt = table.Column<string>(type: "TEXT", nullable: false),
                    WindowClosedAt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_whatsapp_contacts", x => x.WaId);
                });

            migrationBuilder.CreateTable(
                name: "whatsapp_deliveries",
                columns: table => new
                {
                    Wamid = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true),
                    Part = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SentAt = table.Column<string>(type: "TEXT", nullable: false),
                    StatusAt = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorCode = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_whatsapp_deliveries", x => x.Wamid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_whatsapp_deliveries_OutboxMessageId_Part",
                table: "whatsapp_deliveries",
                columns: new[] { "OutboxMessageId", "Part" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "whatsapp_contacts");

            migrationBuilder.DropTable(
                name: "whatsapp_deliveries");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DataKeyCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_key",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckValue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RotatingTo = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_key", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_key");
        }
    }
}

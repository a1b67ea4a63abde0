using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PK.Bot.Persistence.Migrations
{
    /// <summary>
    /// Phones are looked up by a keyed hash (<c>PhoneHash</c>) and stored encrypted. Converting existing rows needs the
    /// data key, so it is not done here: <c>Security/ProtectionUpgrade</c> does it at start-up, right after the key check.
    /// </summary>
    public partial class ProtectedPhoneAndFamilyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_people_PhoneDigits",
                table: "people");

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "people",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_PhoneHash",
                table: "people",
                column: "PhoneHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_people_PhoneHash",
                table: "people");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "people");

            migrationBuilder.CreateIndex(
                name: "IX_people_PhoneDigits",
                table: "people",
                column: "PhoneDigits",
                unique: true);
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartCityGraph.Data.Storage.Migrations
{
    /// <inheritdoc />
    public partial class KindFirstDateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entities_StartDate_Id",
                table: "Entities");

            migrationBuilder.CreateIndex(
                name: "IX_Entities_Kind_StartDate_Id",
                table: "Entities",
                columns: new[] { "Kind", "StartDate", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entities_Kind_StartDate_Id",
                table: "Entities");

            migrationBuilder.CreateIndex(
                name: "IX_Entities_StartDate_Id",
                table: "Entities",
                columns: new[] { "StartDate", "Id" });
        }
    }
}

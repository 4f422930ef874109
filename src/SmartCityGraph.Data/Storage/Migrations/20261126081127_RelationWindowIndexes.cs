using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartCityGraph.Data.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RelationWindowIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Relations_FromId_Id",
                table: "Relations",
                columns: new[] { "FromId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_FromId_ToId_Type",
                table: "Relations",
                columns: new[] { "FromId", "ToId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_ToId_FromId_Type",
                table: "Relations",
                columns: new[] { "ToId", "FromId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_ToId_Id",
                table: "Relations",
                columns: new[] { "ToId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Relations_FromId_Id",
                table: "Relations");

            migrationBuilder.DropIndex(
                name: "IX_Relations_FromId_ToId_Type",
                table: "Relations");

            migrationBuilder.DropIndex(
                name: "IX_Relations_ToId_FromId_Type",
                table: "Relations");

            migrationBuilder.DropIndex(
                name: "IX_Relations_ToId_Id",
                table: "Relations");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartCityGraph.Data.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ContentKindsAndLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Aliases",
                table: "Entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Columns",
                table: "Entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ContentKnown",
                table: "Entities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Definition",
                table: "Entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultType",
                table: "Entities",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeriesType",
                table: "Entities",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Size",
                table: "Entities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SizeQualifier",
                table: "Entities",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SummaryDe",
                table: "Entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleDe",
                table: "Entities",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleEn",
                table: "Entities",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Aliases",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "Columns",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "ContentKnown",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "Definition",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "ResultType",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "SeriesType",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "Size",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "SizeQualifier",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "SummaryDe",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "TitleDe",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "TitleEn",
                table: "Entities");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartCityGraph.Data.PostgresMigrations.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Entities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EventType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    RecordedStatus = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: true),
                    Url = table.Column<string>(type: "text", nullable: true),
                    TitleKnown = table.Column<bool>(type: "boolean", nullable: true),
                    TimelineRow = table.Column<int>(type: "integer", nullable: true),
                    OrganisationType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Abbreviation = table.Column<string>(type: "text", nullable: true),
                    SeedTitle = table.Column<string>(type: "text", nullable: true),
                    AdoptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ElementType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Sources = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Entities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Relations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FromId = table.Column<int>(type: "integer", nullable: false),
                    ToId = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Sources = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Relations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Relations_Entities_FromId",
                        column: x => x.FromId,
                        principalTable: "Entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Relations_Entities_ToId",
                        column: x => x.ToId,
                        principalTable: "Entities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Entities_Kind_Id",
                table: "Entities",
                columns: new[] { "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Entities_Kind_Key",
                table: "Entities",
                columns: new[] { "Kind", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Entities_Kind_StartDate_Id",
                table: "Entities",
                columns: new[] { "Kind", "StartDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Entities_Kind_Title_Id",
                table: "Entities",
                columns: new[] { "Kind", "Title", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_FromId_Id",
                table: "Relations",
                columns: new[] { "FromId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_FromId_ToId_Type",
                table: "Relations",
                columns: new[] { "FromId", "ToId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_FromId_Type_ToId",
                table: "Relations",
                columns: new[] { "FromId", "Type", "ToId" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_ToId_FromId_Type",
                table: "Relations",
                columns: new[] { "ToId", "FromId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_ToId_Id",
                table: "Relations",
                columns: new[] { "ToId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Relations_ToId_Type_FromId",
                table: "Relations",
                columns: new[] { "ToId", "Type", "FromId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Relations");

            migrationBuilder.DropTable(
                name: "Entities");
        }
    }
}

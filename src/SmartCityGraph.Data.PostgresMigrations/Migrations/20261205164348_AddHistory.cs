using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartCityGraph.Data.PostgresMigrations.Migrations
{
    /// <summary>
    /// Editing with history, as SQLite's AddHistory: a <c>Version</c> (optimistic-concurrency token) on every entity and
    /// relation, the number and time of the revision that last changed each entity, and the <c>Revisions</c> table the
    /// write path appends to in the same transaction as each change (numbers are written by the write path, which holds
    /// an advisory lock, so they are gapless across instances; the identity only backs explicit inserts).
    /// </summary>
    public partial class AddHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Relations",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevisedAt",
                table: "Entities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Entities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Entities",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "Revisions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SubjectRowId = table.Column<int>(type: "integer", nullable: false),
                    SubjectKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SubjectKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RelationType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Reverts = table.Column<int>(type: "integer", nullable: true),
                    Sources = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Revisions", x => x.Number);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_At",
                table: "Revisions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_SubjectKind_Number",
                table: "Revisions",
                columns: new[] { "SubjectKind", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_SubjectType_SubjectRowId_Number",
                table: "Revisions",
                columns: new[] { "SubjectType", "SubjectRowId", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Revisions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Relations");

            migrationBuilder.DropColumn(
                name: "RevisedAt",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Entities");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Entities");
        }
    }
}

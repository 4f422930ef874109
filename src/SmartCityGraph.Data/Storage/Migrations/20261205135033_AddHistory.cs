using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartCityGraph.Data.Storage.Migrations
{
    /// <summary>
    /// Editing with history: a <c>Version</c> (optimistic-concurrency token) on every entity and relation, the number and
    /// time of the revision that last changed each entity, and the <c>Revisions</c> table the write path appends to in the
    /// same transaction as each change. Adding columns leaves <c>Entities</c> and its search triggers in place;
    /// <see cref="Down"/> drops them again, which SQLite does by rebuilding the tables — re-run AddSearchIndex's
    /// triggers after going down past it.
    /// </summary>
    public partial class AddHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Relations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTime>(
                name: "RevisedAt",
                table: "Entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Entities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Entities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "Revisions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectRowId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RelationType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Reverts = table.Column<int>(type: "INTEGER", nullable: true),
                    Sources = table.Column<string>(type: "TEXT", nullable: true)
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

using System.Globalization;
using System.Text;
using System.Text.Json;
using PK.Bot.Persistence;
using PK.Bot.Security;
using PK.Domain.Forms;
using PK.Domain.Regions;
using PK.Domain.Reporting;
using SpreadCheetah;

namespace PK.Bot.Reporting;

/// <summary>What an export wrote.</summary>
public sealed record ExportSummary(int Families, int Members, IReadOnlyList<string> Files);

/// <summary>
/// Families and members of an area from the bot's own database (so it works while the core is down), one record at a
/// time: codes and their labels from the form's choice lists; NIK, names, phone and address only when asked for.
/// </summary>
public sealed class FamilyExport(BotDbContext db, RegionDirectory regions)
{
    private static readonly FormDefinition Form = FormLoader.Pk21;
    private static readonly UTF8Encoding Utf8Bom = new(encoderShouldEmitUTF8Identifier: true);

    public const string FamilySheet = "keluarga";
    public const string MemberSheet = "anggota";

    /// <summary>
    /// Writes <c>PREFIX-keluarga.csv</c> and <c>PREFIX-anggota.csv</c> in one pass, each to a private (0600) scratch
    /// file moved into place only once both are complete: a failed export leaves no half-written file behind.
    /// </summary>
    public async Task<ExportSummary> WriteCsvAsync(ReportScope scope, RegionCode area, string prefix, bool withPii, CancellationToken cancellationToken)
    {
        var layout = new ExportLayout(Form, withPii);
        string familyPath = prefix + "-keluarga.csv", memberPath = prefix + "-anggota.csv";
        var suffix = $".{Guid.NewGuid():N}.tmp";
        string familyScratch = familyPath + suffix, memberScratch = memberPath + suffix;
        try
        {
            int familyCount = 0, memberCount = 0;
            await using (var families = new StreamWriter(PrivateFiles.Create(familyScratch, FileMode.CreateNew), Utf8Bom, 1 << 16))
            await using (var members = new StreamWriter(PrivateFiles.Create(memberScratch, FileMode.CreateNew), Utf8Bom, 1 << 16))
            {
                var csvFamilies = new CsvRowWriter(families);
                var csvMembers = new CsvRowWriter(members);
                csvFamilies.Write(layout.FamilyHeader);
                csvMembers.Write(layout.MemberHeader);
                var row = new List<object?>();
                await foreach (var record in RecordsAsync(scope, area).WithCancellation(cancellationToken))
                {
                    using var json = JsonDocument.Parse(record.PayloadJson);
                    layout.FamilyRow(json.RootElement, record.Desa, regions, row);
                    csvFamilies.Write(row);
                    familyCount++;
                    foreach (var member in json.RootElement.GetProperty("members").EnumerateArray())
                    {
                        layout.MemberRow(json.RootElement, member, row);
                        csvMembers.Write(row);
                        memberCount++;
                    }
                }
            }
            File.Move(familyScratch, familyPath, overwrite: true);
            File.Move(memberScratch, memberPath, overwrite: true);
            return new ExportSummary(familyCount, memberCount, [Path.GetFullPath(familyPath), Path.GetFullPath(memberPath)]);
        }
        finally
        {
            File.Delete(familyScratch);
            File.Delete(memberScratch);
        }
    }

    /// <summary>
    /// Writes one workbook with the sheets <c>keluarga</c> and <c>anggota</c> in one pass over the records. A sheet is
    /// written whole before the next, so while the families sheet is written the member rows go to a scratch file in
    /// <paramref name="scratchFolder"/> (deleted afterwards), from which the members sheet is then written.
    /// </summary>
    public async Task<ExportSummary> WriteXlsxAsync(ReportScope scope, RegionCode area, Stream output, string scratchFolder, bool withPii, CancellationToken cancellationToken)
    {
        var layout = new ExportLayout(Form, withPii);
        await using var workbook = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var cells = new List<Cell>();
        var row = new List<object?>();
        var scratchPath = Path.Combine(scratchFolder, $".export-{Guid.NewGuid():N}.anggota.tmp");
        try
        {
            await using var scratch = PrivateFiles.Create(scratchPath, FileMode.CreateNew, FileAccess.ReadWrite, FileOptions.DeleteOnClose);
            var memberCount = 0;
            var familyCount = 0;
            await using (var memberRows = new RowSpoolWriter(scratch))
            {
                await workbook.StartWorksheetAsync(FamilySheet, token: cancellationToken);
                await workbook.AddRowAsync(ToCells(layout.FamilyHeader, cells), cancellationToken);
                await foreach (var record in RecordsAsync(scope, area).WithCancellation(cancellationToken))
                {
                    using var json = JsonDocument.Parse(record.PayloadJson);
                    layout.FamilyRow(json.RootElement, record.Desa, regions, row);
                    await workbook.AddRowAsync(ToCells(row, cells), cancellationToken);
                    familyCount++;
                    foreach (var member in json.RootElement.GetProperty("members").EnumerateArray())
                    {
                        layout.MemberRow(json.RootElement, member, row);
                        memberRows.Write(row);
                        memberCount++;
                    }
                }
            }

            await workbook.StartWorksheetAsync(MemberSheet, token: cancellationToken);
            await workbook.AddRowAsync(ToCells(layout.MemberHeader, cells), cancellationToken);
            scratch.Position = 0;
            var reader = new RowSpoolReader(scratch);
            for (var i = 0; i < memberCount; i++)
            {
                reader.Read(row);
                await workbook.AddRowAsync(ToCells(row, cells), cancellationToken);
            }
            await workbook.FinishAsync(cancellationToken);
            return new ExportSummary(familyCount, memberCount, []);
        }
        finally
        {
            File.Delete(scratchPath); // DeleteOnClose already did, unless the platform could not
        }
    }

    /// <summary>The workbook at <paramref name="path"/> (0600), written to a scratch file first and moved there once complete.</summary>
    public async Task<ExportSummary> WriteXlsxAsync(ReportScope scope, RegionCode area, string path, bool withPii, CancellationToken cancellationToken)
    {
        var scratchPath = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            ExportSummary summary;
            await using (var file = PrivateFiles.Create(scratchPath, FileMode.CreateNew, FileAccess.Write, FileOptions.Asynchronous))
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
                summary = await WriteXlsxAsync(scope, area, file, folder, withPii, cancellationToken);
            }
            File.Move(scratchPath, path, overwrite: true);
            return summary with { Files = [Path.GetFullPath(path)] };
        }
        finally
        {
            File.Delete(scratchPath);
        }
    }

    private sealed record Row(string Desa, string PayloadJson);

    // The latest version of each family, in the order submitted: the payload table is read front to back (a desa order
    // would read it at random, several times slower at 300,000 families), each row matched against the scope's facts.
    private async IAsyncEnumerable<Row> RecordsAsync(ReportScope scope, RegionCode area)
    {
        ProgressQueries.FactsIn(db, scope, area); // checks the scope
        var (low, high) = area.Level == RegionLevel.Desa ? (area.Dotted, area.Dotted + "\0") : (area.Dotted + ".", area.Dotted + "/");
        var kader = scope.OwnFamiliesOnly ? Guid.Parse(scope.PersonId).ToString().ToUpperInvariant() : null;
        var rows = db.Database.SqlQuery<EncryptedRow>($"""
            SELECT f."DesaCode" AS "Desa", s."PayloadJson" AS "Payload"
            FROM submitted_records AS s CROSS JOIN family_facts AS f ON f."RecordId" = s."RecordId" AND f."Version" = s."Version"
            WHERE f."DesaCode" >= {low} AND f."DesaCode" < {high} AND ({kader} IS NULL OR f."KaderId" = {kader})
            ORDER BY s."Id"
            """).AsAsyncEnumerable();
        await foreach (var row in rows)
            yield return new Row(row.Desa, db.Protector.Unprotect(row.Payload));
    }

    private sealed record EncryptedRow(string Desa, string Payload);

    private static List<Cell> ToCells(IEnumerable<object?> values, List<Cell> cells)
    {
        cells.Clear();
        foreach (var value in values)
            cells.Add(value switch
            {
                null => new Cell(),
                long l => new Cell(l),
                int i => new Cell(i),
                decimal d => new Cell(d),
                _ => new Cell(Convert.ToString(value, CultureInfo.InvariantCulture)),
            });
        return cells;
    }
}

/// <summary>
/// RFC 4180 rows: comma separated, quoted where a value holds a comma, quote or line break, CRLF line ends. A text
/// that a spreadsheet would run as a formula (starting with <c>= + - @</c>, tab or CR) gets a leading <c>'</c>.
/// </summary>
internal sealed class CsvRowWriter(TextWriter writer)
{
    private static readonly System.Buffers.SearchValues<char> FormulaStarts = System.Buffers.SearchValues.Create("=+-@\t\r");

    /// <summary>A cell Excel, LibreOffice or Sheets would not evaluate. Numbers (also negative ones) are not text and stay as they are.</summary>
    public static string Neutralise(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return value is string && text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;
    }

    public void Write(IEnumerable<object?> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first) writer.Write(',');
            first = false;
            var text = Neutralise(value);
            if (text.AsSpan().IndexOfAny(",\"\r\n") < 0) writer.Write(text);
            else
            {
                writer.Write('"');
                writer.Write(text.Replace("\"", "\"\""));
                writer.Write('"');
            }
        }
        writer.Write("\r\n");
    }
}

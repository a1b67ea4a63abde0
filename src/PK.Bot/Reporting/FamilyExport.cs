using System.Globalization;
using System.Runtime.CompilerServices;
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
                    using var json = JsonDocument.Parse(record.Payload);
                    layout.FamilyRow(json.RootElement, record.Desa, regions, row);
                    csvFamilies.Write(row);
                    familyCount++;
                    var key = ExportLayout.MemberKey(json.RootElement);
                    foreach (var member in json.RootElement.GetProperty("members").EnumerateArray())
                    {
                        layout.MemberRow(key, member, row);
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
    /// <paramref name="scratchFolder"/> (deleted afterwards), from which the members sheet is then written. Reading and
    /// laying out the rows runs beside writing the sheet (two threads, a bounded queue of rows between them).
    /// </summary>
    public async Task<ExportSummary> WriteXlsxAsync(ReportScope scope, RegionCode area, Stream output, string scratchFolder, bool withPii, CancellationToken cancellationToken)
    {
        var layout = new ExportLayout(Form, withPii);
        await using var workbook = await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken);
        var scratchPath = Path.Combine(scratchFolder, $".export-{Guid.NewGuid():N}.anggota.tmp");
        try
        {
            await using var scratch = PrivateFiles.Create(scratchPath, FileMode.CreateNew, FileAccess.ReadWrite, FileOptions.DeleteOnClose);
            var memberCount = 0;
            var familyCount = 0;
            await workbook.StartWorksheetAsync(FamilySheet, token: cancellationToken);
            await workbook.AddRowAsync(RowPipe.ToCells(layout.FamilyHeader), cancellationToken);
            await RowPipe.RunAsync(layout.FamilyHeader.Count, async (familyRows, token) =>
            {
                var row = new List<object?>();
                await using var memberRows = new RowSpoolWriter(new BufferedStream(scratch, 1 << 20));
                await foreach (var record in RecordsAsync(scope, area).WithCancellation(token))
                {
                    using var json = JsonDocument.Parse(record.Payload);
                    layout.FamilyRow(json.RootElement, record.Desa, regions, row);
                    await familyRows.WriteAsync(row, token);
                    familyCount++;
                    var key = ExportLayout.MemberKey(json.RootElement);
                    foreach (var member in json.RootElement.GetProperty("members").EnumerateArray())
                    {
                        layout.MemberRow(key, member, row);
                        memberRows.Write(row);
                        memberCount++;
                    }
                }
            }, workbook, cancellationToken);

            await workbook.StartWorksheetAsync(MemberSheet, token: cancellationToken);
            await workbook.AddRowAsync(RowPipe.ToCells(layout.MemberHeader), cancellationToken);
            scratch.Position = 0;
            await RowPipe.RunAsync(layout.MemberHeader.Count, async (memberRows, token) =>
            {
                var row = new List<object?>();
                var reader = new RowSpoolReader(new BufferedStream(scratch, 1 << 20));
                for (var i = 0; i < memberCount; i++)
                {
                    reader.Read(row);
                    await memberRows.WriteAsync(row, token);
                }
            }, workbook, cancellationToken);
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

    /// <summary>A record's desa (from its fact) and its decrypted payload, UTF-8 JSON.</summary>
    private sealed record Row(string Desa, byte[] Payload);

    // The latest version of each family, in the order submitted: the payload table is read front to back (a desa order
    // would read it at random, several times slower at 300,000 families), each row matched against the scope's facts.
    // The payload is read as the UTF-8 bytes SQLite stores and decrypted to UTF-8 for the JSON reader: no string of
    // either per record (they were most of an export's time and allocations).
    private async IAsyncEnumerable<Row> RecordsAsync(ReportScope scope, RegionCode area, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ProgressQueries.FactsIn(db, scope, area); // checks the scope
        var (low, high) = area.Level == RegionLevel.Desa ? (area.Dotted, area.Dotted + "\0") : (area.Dotted + ".", area.Dotted + "/");
        var kader = scope.OwnFamiliesOnly ? Guid.Parse(scope.PersonId).ToString().ToUpperInvariant() : null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT f."DesaCode", s."PayloadJson"
                FROM submitted_records AS s CROSS JOIN family_facts AS f ON f."RecordId" = s."RecordId" AND f."Version" = s."Version"
                WHERE f."DesaCode" >= $low AND f."DesaCode" < $high AND ($kader IS NULL OR f."KaderId" = $kader)
                ORDER BY s."Id"
                """;
            AddParameter(command, "$low", low);
            AddParameter(command, "$high", high);
            AddParameter(command, "$kader", (object?)kader ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            using var decryptor = db.Protector.CreateBulkDecryptor();
            while (await reader.ReadAsync(cancellationToken))
                yield return new Row(reader.GetString(0), decryptor.DecryptUtf8(reader.GetFieldValue<byte[]>(1)));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
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

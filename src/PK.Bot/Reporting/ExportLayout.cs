using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using PK.Domain.Forms;
using PK.Domain.Regions;

namespace PK.Bot.Reporting;

/// <summary>
/// The export's columns, from the form: every family item and every member item, a choice item as its code and
/// then its label. Personal items (names, NIK, phone, street address) only with PII.
/// </summary>
internal sealed class ExportLayout
{
    private readonly Columns familyColumns;
    private readonly Columns memberColumns;

    public ExportLayout(FormDefinition form, bool withPii)
    {
        bool Exported(FormItem item) => item.Type != QuestionType.Note && (withPii || !IsPersonal(item));
        List<FormItem> familyItems = [.. form.Items.Where(i => !i.InRepeat && Exported(i))];
        List<FormItem> memberItems = [.. form.Items.Where(i => i.InRepeat && Exported(i))];
        familyColumns = new Columns(familyItems);
        memberColumns = new Columns(memberItems);
        FamilyHeader = [.. FamilyFixed, .. ColumnNames(familyItems), "pus", "sasaran_stunting", "berisiko_stunting", "alasan_risiko"];
        MemberHeader = [.. MemberFixed, .. ColumnNames(memberItems)];
    }

    private static readonly string[] FamilyFixed =
        ["record_id", "versi", "kode_kecamatan", "kecamatan", "kode_desa", "desa", "kader_id", "tanggal_wawancara", "dikirim_pada", "duplikat_disengaja", "jumlah_anggota"];

    private static readonly string[] MemberFixed = ["record_id", "kode_desa", "nomor"];

    public IReadOnlyList<object?> FamilyHeader { get; }
    public IReadOnlyList<object?> MemberHeader { get; }

    /// <summary>Names, NIK and phone by their type; the street address by its id (free text that points at one house).</summary>
    public static bool IsPersonal(FormItem item) =>
        item.Type is QuestionType.Name or QuestionType.Nik or QuestionType.Phone || item.Id == "alamat";

    public void FamilyRow(JsonElement record, string desaCode, RegionDirectory regions, List<object?> row)
    {
        row.Clear();
        if (!desaColumns.TryGetValue(desaCode, out var area))
        {
            var desa = RegionCode.Parse(desaCode);
            var kecamatan = desa.Parent!.Value;
            area = new DesaColumns(kecamatan.Dotted, regions.Exists(kecamatan) ? regions.NameOf(kecamatan) : "",
                desa.Dotted, regions.Exists(desa) ? regions.NameOf(desa) : "", Provinces.OffsetOf(desa.TimeZone));
            desaColumns[desaCode] = area;
        }
        var members = record.GetProperty("members");
        row.Add(record.GetProperty("recordId").GetString());
        row.Add(Box(record.GetProperty("version").GetInt32()));
        row.Add(area.KecamatanCode);
        row.Add(area.KecamatanName);
        row.Add(area.DesaCode);
        row.Add(area.DesaName);
        row.Add(record.GetProperty("kaderId").GetString());
        row.Add(record.GetProperty("interviewDate").GetString());
        row.Add(record.GetProperty("submittedAt").GetDateTimeOffset().ToOffset(area.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        row.Add(Box(record.GetProperty("deliberateDuplicate").GetBoolean() ? 1 : 0));
        row.Add(Box(members.GetArrayLength()));
        AddItems(record.GetProperty("family"), familyColumns, row);
        var indicators = record.GetProperty("indicators");
        row.Add(Box(Flag(indicators, "pus")));
        row.Add(Box(Flag(indicators, "sasaranStunting")));
        row.Add(Box(Flag(indicators, "berisikoStunting")));
        row.Add(string.Join(" ", indicators.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString())));
    }

    /// <summary>The record's id and desa as every one of its member rows starts: read once per record.</summary>
    public static (string? RecordId, string? Desa) MemberKey(JsonElement record) =>
        (record.GetProperty("recordId").GetString(), record.GetProperty("region").GetProperty("desa").GetString());

    public void MemberRow((string? RecordId, string? Desa) key, JsonElement member, List<object?> row)
    {
        row.Clear();
        row.Add(key.RecordId);
        row.Add(key.Desa);
        row.Add(member.TryGetProperty("nomor", out var number) ? Box(number.GetInt32()) : null);
        AddItems(member, memberColumns, row);
    }

    private static IEnumerable<object?> ColumnNames(IEnumerable<FormItem> items)
    {
        foreach (var item in items)
        {
            yield return item.Id;
            if (item.Type is QuestionType.SelectOne or QuestionType.SelectMultiple) yield return item.Id + "_label";
        }
    }

    // One pass over the record's properties (a JSON object lookup is a linear scan; per item it would be quadratic).
    private static void AddItems(JsonElement answers, Columns columns, List<object?> row)
    {
        var values = columns.Found;
        Array.Clear(values);
        Span<char> name = stackalloc char[128];
        foreach (var property in answers.EnumerateObject())
        {
            // Item ids are plain ASCII: looked up from the raw name, without a string per property.
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            var found = raw.Length <= name.Length && raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw)
                ? columns.ByName.TryGetValue(name[..Encoding.ASCII.GetChars(raw, name)], out var i)
                : columns.Index.TryGetValue(property.Name, out i);
            if (found) values[i] = property.Value;
        }
        for (var i = 0; i < columns.Items.Count; i++)
        {
            var item = columns.Items[i];
            var found = values[i] is not null;
            var value = values[i].GetValueOrDefault();
            switch (item.Type)
            {
                case QuestionType.SelectOne:
                    var code = found && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : (int?)null;
                    row.Add(code is { } boxed ? Box(boxed) : null);
                    row.Add(code is { } c ? columns.Label(i, c) : null);
                    break;
                case QuestionType.SelectMultiple:
                    var codes = found && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetInt32()).ToList() : [];
                    row.Add(found ? string.Join(" ", codes) : null);
                    row.Add(found ? string.Join("; ", codes.Select(c => columns.Label(i, c))) : null);
                    break;
                default:
                    row.Add(!found ? null : value.ValueKind switch
                    {
                        JsonValueKind.Number when value.TryGetInt64(out var l) => Box(l),
                        JsonValueKind.Number => value.GetDecimal(),
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.True => Box(1L),
                        JsonValueKind.False => Box(0L),
                        _ => value.GetRawText(),
                    });
                    break;
            }
        }
    }

    /// <summary>The exported items of one kind (family or member), with lookups built once per export.</summary>
    private sealed class Columns
    {
        private readonly Dictionary<int, string>?[] labels;

        public Columns(List<FormItem> items)
        {
            Items = items;
            Index = items.Select((item, i) => (item.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            ByName = Index.GetAlternateLookup<ReadOnlySpan<char>>();
            Found = new JsonElement?[items.Count];
            labels = [.. items.Select(item => item.Choices?.ToDictionary(c => c.Code, c => c.Label))];
        }

        public List<FormItem> Items { get; }
        public Dictionary<string, int> Index { get; }
        public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ByName { get; }
        /// <summary>Scratch space for one record; an export writes one record at a time.</summary>
        public JsonElement?[] Found { get; }

        public string Label(int item, int code) => labels[item]?.GetValueOrDefault(code) ?? code.ToString(CultureInfo.InvariantCulture);
    }

    private readonly Dictionary<string, DesaColumns> desaColumns = new(StringComparer.Ordinal);

    private sealed record DesaColumns(string KecamatanCode, string KecamatanName, string DesaCode, string DesaName, TimeSpan Offset);

    // Codes, counts and flags are small numbers: one shared box each instead of one per cell (the boxes are immutable).
    private static readonly object[] SmallInts = [.. Enumerable.Range(0, 1024).Select(i => (object)i)];
    private static readonly object[] SmallLongs = [.. Enumerable.Range(0, 1024).Select(i => (object)(long)i)];

    private static object Box(int value) => (uint)value < SmallInts.Length ? SmallInts[value] : value;

    private static object Box(long value) => (ulong)value < (ulong)SmallLongs.Length ? SmallLongs[value] : value;

    private static int Flag(JsonElement indicators, string name) => indicators.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True ? 1 : 0;
}

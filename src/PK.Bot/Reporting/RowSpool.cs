using System.Globalization;
using System.Text;

namespace PK.Bot.Reporting;

// A scratch file of export rows, written once and read back once in order: each value a type tag and its binary form,
// each row closed by an end tag. It holds what the sheet cells hold (null, int, long, decimal, text), nothing else.
internal static class RowSpool
{
    public const byte Null = 0, Int32 = 1, Int64 = 2, Decimal = 3, Text = 4, EndOfRow = 0xFF;
}

/// <summary>Appends rows to a scratch stream; disposing flushes but leaves the stream open for reading back.</summary>
internal sealed class RowSpoolWriter(Stream stream) : IAsyncDisposable
{
    private readonly BinaryWriter writer = new(stream, Encoding.UTF8, leaveOpen: true);

    public void Write(IEnumerable<object?> values)
    {
        foreach (var value in values)
            switch (value)
            {
                case null: writer.Write(RowSpool.Null); break;
                case int i: writer.Write(RowSpool.Int32); writer.Write(i); break;
                case long l: writer.Write(RowSpool.Int64); writer.Write(l); break;
                case decimal d: writer.Write(RowSpool.Decimal); writer.Write(d); break;
                case string s: writer.Write(RowSpool.Text); writer.Write(s); break;
                default: writer.Write(RowSpool.Text); writer.Write(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break; // as a cell would show it
            }
        writer.Write(RowSpool.EndOfRow);
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync(); // flushes into the stream, which stays open
        await stream.FlushAsync();
    }
}

/// <summary>Reads back, in order, the rows a <see cref="RowSpoolWriter"/> wrote, from the stream's current position.</summary>
internal sealed class RowSpoolReader(Stream stream)
{
    private readonly BinaryReader reader = new(stream, Encoding.UTF8, leaveOpen: true);

    public void Read(List<object?> row)
    {
        row.Clear();
        while (true)
        {
            var tag = reader.ReadByte();
            switch (tag)
            {
                case RowSpool.EndOfRow: return;
                case RowSpool.Null: row.Add(null); break;
                case RowSpool.Int32: row.Add(reader.ReadInt32()); break;
                case RowSpool.Int64: row.Add(reader.ReadInt64()); break;
                case RowSpool.Decimal: row.Add(reader.ReadDecimal()); break;
                case RowSpool.Text: row.Add(reader.ReadString()); break;
                default: throw new InvalidDataException($"Unknown value tag {tag} in an export scratch file.");
            }
        }
    }
}

using System.Text.Json.Serialization;

namespace PK.Domain.Conversations;

/// <summary>
/// A pick the kader was asked to make and has not made yet: the closed set of them. Stored in the chat's
/// <see cref="ConversationState"/>; the discriminator keeps the stored JSON readable as the set grows.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "pick")]
[JsonDerivedType(typeof(Desa), "desa")]
[JsonDerivedType(typeof(Resume), "resume")]
[JsonDerivedType(typeof(Correction), "koreksi")]
[JsonDerivedType(typeof(Parked), "parked")]
public abstract record PendingPick
{
    private PendingPick() { }

    /// <summary>How many numbers the kader may answer with (1…Count).</summary>
    public abstract int Count { get; }

    /// <summary>Which desa a new family is in: typed by name, or one of <see cref="Codes"/> (dotted) by number.</summary>
    public sealed record Desa(IReadOnlyList<string> Codes) : PendingPick
    {
        public override int Count => Codes.Count;
    }

    /// <summary>Which unfinished family to resume.</summary>
    public sealed record Resume(IReadOnlyList<Guid> Families) : PendingPick
    {
        public override int Count => Families.Count;
    }

    /// <summary>Which submitted family to correct.</summary>
    public sealed record Correction(IReadOnlyList<Guid> Families) : PendingPick
    {
        public override int Count => Families.Count;
    }

    /// <summary>A family parked for being idle: 1 resumes it, 2 starts a new one.</summary>
    public sealed record Parked(Guid Family) : PendingPick
    {
        public override int Count => 2;
    }

    /// <summary>Reads the form stored before picks were typed: a word ("desa", "resume", "koreksi", "parked") and its options as strings.</summary>
    internal static PendingPick? FromLegacy(string? word, IReadOnlyList<string> options) => word switch
    {
        "desa" => new Desa(options.ToList()),
        "resume" => new Resume(options.Select(Guid.Parse).ToList()),
        "koreksi" => new Correction(options.Select(Guid.Parse).ToList()),
        "parked" when options.Count > 0 => new Parked(Guid.Parse(options[0])),
        _ => null,
    };
}

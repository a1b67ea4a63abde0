namespace PK.Domain.Forms;

/// <summary>
/// The items that identify a family on the ground, as the form declares them: RW, RT, No. Rumah and No. Urut make
/// the natural key (with the desa), and the first member's NIK is the KK's. Duplicates are found by either.
/// </summary>
public sealed record FamilyKeyItems(string Rw, string Rt, string House, string Order, string KkNik)
{
    /// <summary>The natural key's items, in the order the key is written.</summary>
    public IReadOnlyList<string> NaturalKey => [Rw, Rt, House, Order];
}

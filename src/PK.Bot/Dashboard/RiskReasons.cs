using PK.Domain.Indicators;

namespace PK.Bot.Dashboard;

/// <summary>The reasons a family is berisiko stunting as bits of one column, so an area's breakdown is counted from an index.</summary>
public static class RiskReasons
{
    /// <summary>The known reason codes; a code's bit is 1 &lt;&lt; its index. Append only: stored masks depend on the order.</summary>
    public static readonly IReadOnlyList<string> Codes =
        ["air_minum_tidak_layak", "jamban_tidak_layak", "terlalu_muda", "terlalu_tua", "terlalu_dekat", "terlalu_banyak"];

    public static int MaskOf(IEnumerable<RiskReason> reasons)
    {
        var mask = 0;
        foreach (var reason in reasons)
        {
            var index = IndexOf(reason.Code);
            if (index >= 0) mask |= 1 << index;
        }
        return mask;
    }

    private static int IndexOf(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
            if (Codes[i] == code) return i;
        return -1;
    }
}

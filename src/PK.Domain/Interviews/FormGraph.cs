using System.Runtime.CompilerServices;
using PK.Domain.Forms;

namespace PK.Domain.Interviews;

/// <summary>
/// What the walk needs to know about a form's shape, worked out once per form rather than per answer: each block's
/// questions and place, and which cached results (calculations, relevance) a change to an item's answers can make
/// stale. An item's calculation and relevance read the fields named in its expressions (its block's relevance
/// included), and through calculations the fields those read, so a change re-evaluates only what reads it.
/// </summary>
internal sealed class FormGraph
{
    private static readonly ConditionalWeakTable<FormDefinition, FormGraph> Graphs = [];

    private readonly Dictionary<FormBlock, int> _blockIndex = [];
    private readonly Dictionary<string, HashSet<string>> _stale = [];
    private readonly HashSet<string> _countReads = [];

    public static FormGraph Of(FormDefinition form) => Graphs.GetValue(form, f => new FormGraph(f));

    private FormGraph(FormDefinition form)
    {
        Questions = form.Blocks.Select(b => b.Items.Where(i => i.IsQuestion).ToArray()).ToArray();
        for (var i = 0; i < form.Blocks.Count; i++) _blockIndex[form.Blocks[i]] = i;

        // Who reads whom: an edge from a field to every item whose cached calculation or relevance reads it.
        var readers = new Dictionary<string, HashSet<string>>();
        foreach (var item in form.Items)
        {
            var reads = new[] { item.Calculation, item.Relevant, item.Block.Relevant }.OfType<FormExpression>().SelectMany(e => e.Fields);
            foreach (var field in reads.Where(form.ItemsById.ContainsKey))
            {
                if (!readers.TryGetValue(field, out var set)) readers[field] = set = [];
                set.Add(item.Id);
            }
        }
        foreach (var item in form.Items) _stale[item.Id] = Reachable(readers, [item.Id]);

        // The member count: what its expression reads, through calculations. A change there reshapes every member item.
        if (form.RepeatBlock?.RepeatCount is { } count)
        {
            var calculations = form.Items.Where(i => i.Calculation is not null).ToDictionary(i => i.Id, i => i.Calculation!.Fields);
            var pending = new Stack<string>(count.Fields.Where(form.ItemsById.ContainsKey));
            while (pending.TryPop(out var field))
            {
                if (!_countReads.Add(field)) continue;
                if (calculations.TryGetValue(field, out var fields)) foreach (var f in fields.Where(form.ItemsById.ContainsKey)) pending.Push(f);
            }
        }
        // A calculation that reads itself (directly or not) reads as empty mid-cycle, so its value depends on which
        // item was asked first; such a form is always re-derived whole, as before this graph.
        HasCycle = form.Items.Any(i => i.Calculation is not null && IsCalculationCycle(form, i));
    }

    /// <summary>Each block's question items, in the order the form asks them.</summary>
    public FormItem[][] Questions { get; }

    public bool HasCycle { get; }

    public int BlockIndex(FormBlock block) => _blockIndex[block];

    /// <summary>Whether a change to these items' answers can change the member count (then everything is re-derived).</summary>
    public bool ChangesMemberCount(IEnumerable<string> itemIds) => itemIds.Any(_countReads.Contains);

    /// <summary>The items whose cached calculation or relevance a change to this item's answers can make stale.</summary>
    public IReadOnlySet<string> StaleAfter(string itemId) => _stale[itemId];

    private static HashSet<string> Reachable(Dictionary<string, HashSet<string>> readers, IEnumerable<string> from)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(from);
        while (pending.TryPop(out var id))
        {
            if (!readers.TryGetValue(id, out var next)) continue;
            foreach (var reader in next)
                if (seen.Add(reader)) pending.Push(reader);
        }
        return seen;
    }

    /// <summary>Whether the item's calculation reaches itself through calculations alone.</summary>
    private static bool IsCalculationCycle(FormDefinition form, FormItem start)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(start.Calculation!.Fields);
        while (pending.TryPop(out var id))
        {
            if (id == start.Id) return true;
            if (!seen.Add(id) || !form.ItemsById.TryGetValue(id, out var item) || item.Calculation is null) continue;
            foreach (var f in item.Calculation.Fields) pending.Push(f);
        }
        return false;
    }
}

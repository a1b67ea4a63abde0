using NCalc;
using NCalc.Handlers;
using PK.Domain.Answers;
using PK.Domain.Forms;

namespace PK.Domain.Interviews;

/// <summary>
/// Evaluates a form's expressions over one family's answers. Calculations are computed on demand and
/// cached until the answers change. Errors in evaluation read as XLSForm reads them: empty, false.
/// It also notes which missing answers an expression read (directly or through a calculation), so a rule that
/// fails only for want of an answer still to be asked can wait for it (<see cref="Check"/>).
/// </summary>
internal sealed class ExpressionEvaluator(FormDefinition form, IReadOnlyDictionary<AnswerKey, AnswerValue> answers, DateOnly interviewDate)
{
    private const string Empty = "";
    private readonly Dictionary<AnswerKey, object> _calculated = [];
    private readonly HashSet<AnswerKey> _calculating = [];
    private readonly Dictionary<AnswerKey, AnswerKey[]> _calculatedMissing = [];
    private readonly Stack<HashSet<AnswerKey>> _spareSets = [];
    private HashSet<AnswerKey> _missingReads = [];
    private int _aggregateDepth;
    private int? _memberCount;

    public void Invalidate()
    {
        _calculated.Clear();
        _calculatedMissing.Clear();
        _missingReads.Clear();
        _memberCount = null;
    }

    /// <summary>Forgets the calculations of these items only (the member count stays: the caller knows it did not change).</summary>
    public void Invalidate(HashSet<string> items)
    {
        foreach (var key in _calculated.Keys)
        {
            if (!items.Contains(key.ItemId)) continue;
            _calculated.Remove(key);
            _calculatedMissing.Remove(key);
        }
        _missingReads.Clear();
    }

    /// <summary>
    /// Judges a rule (a constraint) for one answer. A rule that is false after reading an answer that
    /// <paramref name="stillToBeAsked"/> says will still be asked is <see cref="RuleCheck.Deferred"/>: it cannot be
    /// judged yet, and is judged again once that answer exists. Aggregates over members (<c>sum(${is_kk})</c>) read
    /// the answers present and never defer.
    /// </summary>
    public RuleCheck Check(FormExpression rule, int? member, object? candidate, Func<AnswerKey, bool> stillToBeAsked)
    {
        var outer = _missingReads;
        _missingReads = RentSet();
        bool holds;
        HashSet<AnswerKey> read;
        try
        {
            holds = IsTrue(rule, member, candidate);
        }
        finally
        {
            (read, _missingReads) = (_missingReads, outer);
        }
        var deferred = !holds && read.Any(stillToBeAsked);
        ReturnSet(read);
        return holds ? RuleCheck.Holds : deferred ? RuleCheck.Deferred : RuleCheck.Broken;
    }

    /// <summary>The sets that note missing reads are reused: one per calculation or rule would be a lot of small garbage.</summary>
    private HashSet<AnswerKey> RentSet() => _spareSets.TryPop(out var set) ? set : [];

    private void ReturnSet(HashSet<AnswerKey> set)
    {
        set.Clear();
        _spareSets.Push(set);
    }

    public int MemberCount
    {
        get
        {
            if (_memberCount is { } n) return n;
            var block = form.RepeatBlock;
            var value = block?.RepeatCount is { } count ? Evaluate(count, null, null) : 0L;
            _memberCount = value is long l and > 0 ? (int)Math.Min(l, 99) : value is int i and > 0 ? i : 0;
            return _memberCount.Value;
        }
    }

    public bool IsTrue(FormExpression expr, int? member, object? candidate = null) => Evaluate(expr, member, candidate) switch
    {
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        decimal d => d != 0,
        double d => d != 0,
        string s => s.Length > 0,
        _ => false,
    };

    /// <summary>The value of an answer or calculation as expressions see it ('' when empty).</summary>
    public object ValueOf(string itemId, int? member)
    {
        var item = form.Item(itemId);
        var key = new AnswerKey(itemId, item.InRepeat ? member : null);
        if (item.Type == QuestionType.Calculate) return Calculate(item, key);
        if (answers.TryGetValue(key, out var value)) return value.ExpressionValue;
        NoteMissing([key]);
        return Empty;
    }

    private void NoteMissing(IEnumerable<AnswerKey> keys)
    {
        if (_aggregateDepth == 0) _missingReads.UnionWith(keys);
    }

    private object Calculate(FormItem item, AnswerKey key)
    {
        if (_calculated.TryGetValue(key, out var cached))
        {
            NoteMissing(_calculatedMissing[key]);
            return cached;
        }
        if (!_calculating.Add(key)) return Empty; // a cycle reads as empty rather than overflowing
        // A calculation remembers the missing answers it read whatever asked for it first (an aggregate or not).
        var (outerReads, outerDepth) = (_missingReads, _aggregateDepth);
        (_missingReads, _aggregateDepth) = (RentSet(), 0);
        try
        {
            var value = Normalise(Evaluate(item.Calculation!, key.Member, null));
            _calculated[key] = value;
            _calculatedMissing[key] = _missingReads.ToArray();
            return value;
        }
        finally
        {
            var missing = _missingReads;
            (_missingReads, _aggregateDepth) = (outerReads, outerDepth);
            _calculating.Remove(key);
            NoteMissing(missing);
            ReturnSet(missing);
        }
    }

    public object Evaluate(FormExpression expr, int? member, object? candidate)
    {
        // An expression keeps one NCalc evaluation context to lend (building one costs about a kilobyte); a nested or
        // concurrent evaluation of the same expression builds its own.
        var slot = Interlocked.Exchange(ref expr.Spare, null) ?? new Slot(expr);
        slot.Bind(this, member, candidate);
        object result;
        try
        {
            result = Normalise(slot.Expression.Evaluate());
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or ArgumentException or InvalidOperationException or OverflowException or NCalc.Exceptions.NCalcException or NullReferenceException or IndexOutOfRangeException)
        {
            return Empty; // the context is dropped: nothing that failed mid-way is lent again
        }
        slot.Unbind();
        Volatile.Write(ref expr.Spare, slot);
        return result;
    }

    /// <summary>
    /// An NCalc expression with its handlers attached once; each evaluation binds the evaluator, member and candidate
    /// answer it runs for ('.' is the candidate answer of a constraint; without one it reads as empty).
    /// </summary>
    internal sealed class Slot
    {
        private ExpressionEvaluator? _owner;
        private int? _member;
        private object? _candidate;

        public Slot(FormExpression expr)
        {
            Expression = new Expression(expr.Parsed);
            Expression.EvaluateParameter += (name, args) => args.Result = name == "." ? _candidate ?? Empty : _owner!.Parameter(name, _member);
            Expression.EvaluateFunction += (name, args) => _owner!.Function(name, args, _member, _candidate);
        }

        public Expression Expression { get; }

        public void Bind(ExpressionEvaluator owner, int? member, object? candidate) => (_owner, _member, _candidate) = (owner, member, candidate);

        public void Unbind() => (_owner, _candidate) = (null, null);
    }

    private object Parameter(string name, int? member)
    {
        if (form.ItemsById.ContainsKey(name)) return ValueOf(name, member);
        return Empty; // a block name (as in indexed-repeat's second argument)
    }

    private void Function(string name, FunctionEventArgs args, int? member, object? candidate)
    {
        var p = args.Parameters;
        switch (name)
        {
            case "selected":
                args.Result = p.Evaluate(0) is long[] codes && ToLong(p.Evaluate(1)) is { } code && codes.Contains(code);
                break;
            case "count_selected":
                args.Result = p.Evaluate(0) is long[] all ? (long)all.Length : 0L;
                break;
            case "sum" or "count" or "max" or "min" when p.Count == 1 && p[0] is Identifier id && IsMemberField(id.Name):
                _aggregateDepth++;
                try
                {
                    args.Result = Aggregate(name, id.Name);
                }
                finally
                {
                    _aggregateDepth--;
                }
                break;
            case "max" or "min" when p.Count == 2:
                var a = ToDecimal(p.Evaluate(0));
                var b = ToDecimal(p.Evaluate(1));
                args.Result = a is null || b is null ? Empty : Normalise(name == "max" ? Math.Max(a.Value, b.Value) : Math.Min(a.Value, b.Value));
                break;
            case "position":
                args.Result = member is { } m ? (long)m : Empty;
                break;
            case "indexed_repeat" when p.Count == 3 && p[0] is Identifier field:
                args.Result = ToLong(p.Evaluate(2)) is { } n && n >= 1 && n <= MemberCount ? ValueOf(field.Name, (int)n) : Empty;
                break;
            case "age_years":
                args.Result = p.Evaluate(0) is DateTime born ? (long)AgeInMonths(born) / 12 : Empty;
                break;
            case "age_months":
                args.Result = p.Evaluate(0) is DateTime b2 ? (long)AgeInMonths(b2) : Empty;
                break;
            case "today":
                args.Result = interviewDate.ToDateTime(TimeOnly.MinValue);
                break;
            case "nik_sex":
                args.Result = p.Evaluate(0) is string s1 && Nik.TryParse(s1, out var nik1, out _) ? (nik1.IsFemale ? 2L : 1L) : Empty;
                break;
            case "nik_birth_date":
                args.Result = p.Evaluate(0) is string s2 && Nik.TryParse(s2, out var nik2, out _) && nik2.BirthDateNear(interviewDate) is { } d
                    ? d.ToDateTime(TimeOnly.MinValue)
                    : Empty;
                break;
            case "string_length":
                args.Result = (long)(p.Evaluate(0)?.ToString()?.Length ?? 0);
                break;
            case "setting":
                args.Result = form.Settings.TryGetValue(p.Evaluate(0)?.ToString() ?? "", out var setting) ? setting : Empty;
                break;
            case "int":
                args.Result = ToDecimal(p.Evaluate(0)) is { } dec ? (long)Math.Truncate(dec) : Empty;
                break;
            case "coalesce":
                var first = p.Evaluate(0);
                args.Result = first is string { Length: 0 } or null ? p.Evaluate(1) ?? Empty : first;
                break;
        }
    }

    private bool IsMemberField(string name) => form.ItemsById.TryGetValue(name, out var item) && item.InRepeat;

    /// <summary>
    /// An aggregate over every member's value of a field: empty values are left out, count counts the rest, and
    /// sum, max and min read those that are numbers (max and min of none are empty).
    /// </summary>
    private object Aggregate(string name, string itemId)
    {
        long present = 0, numbers = 0;
        decimal sum = 0, max = 0, min = 0;
        for (var m = 1; m <= MemberCount; m++)
        {
            var value = ValueOf(itemId, m);
            if (value is string { Length: 0 }) continue;
            present++;
            if (ToDecimal(value) is not { } d) continue;
            sum += d;
            (max, min) = numbers == 0 ? (d, d) : (Math.Max(max, d), Math.Min(min, d));
            numbers++;
        }
        if (name == "count") return present;
        return name switch
        {
            "sum" => Normalise(sum),
            "max" => numbers == 0 ? Empty : Normalise(max),
            _ => numbers == 0 ? Empty : Normalise(min),
        };
    }

    private int AgeInMonths(DateTime born)
    {
        var date = DateOnly.FromDateTime(born);
        var months = (interviewDate.Year - date.Year) * 12 + interviewDate.Month - date.Month;
        if (interviewDate.Day < date.Day) months--;
        return Math.Max(months, 0);
    }

    /// <summary>Numbers become long where they are whole (so 2 = 2.0 and codes compare as codes).</summary>
    private static object Normalise(object? value) => value switch
    {
        null => Empty,
        int i => (long)i,
        double d when !double.IsFinite(d) => Empty,
        double d when d == Math.Floor(d) && Math.Abs(d) < long.MaxValue => (long)d,
        decimal m when m == Math.Floor(m) => (long)m,
        _ => value,
    };

    private static long? ToLong(object? value) => ToDecimal(value) is { } d ? (long)d : null;

    private static decimal? ToDecimal(object? value) => value switch
    {
        long l => l,
        int i => i,
        decimal m => m,
        double d when double.IsFinite(d) => (decimal)d,
        bool b => b ? 1 : 0,
        string s when decimal.TryParse(s, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}

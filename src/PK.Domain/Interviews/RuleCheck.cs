using NCalc;
using NCalc.Handlers;
using PK.Domain.Answers;
using PK.Domain.Forms;

namespace PK.Domain.Interviews;

/// <summary>What a rule says about an answer: it holds, it is broken, or it reads an answer still to be asked and must wait.</summary>
internal enum RuleCheck { Holds, Broken, Deferred }

using System.Globalization;
using System.Text;
using PK.Domain.Forms;

namespace PK.Domain.Answers;

internal enum MatchKind { Found, Ambiguous, NumberNotInList, NotFound }

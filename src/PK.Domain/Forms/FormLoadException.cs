using System.Text.Json;
using System.Text.Json.Nodes;

namespace PK.Domain.Forms;

/// <summary>A form that cannot be used, with the item at fault named.</summary>
public sealed class FormLoadException(string message) : Exception(message);

using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PK.Bot.Security;

namespace PK.Bot.Persistence;

/// <summary>Instants as UTC ISO 8601 text of fixed width: readable in the sqlite3 shell, and ordered as text compares.</summary>
internal sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(v => Format(v), v => Parse(v))
{
    /// <summary>The stored form, for SQL written by hand.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

internal sealed class EncryptedConverter(DataProtector protector) : ValueConverter<string, string>(
    v => protector.Protect(v),
    v => protector.Unprotect(v));

internal static class EncryptedColumns
{
    public const string Annotation = "PK:Encrypted";

    /// <summary>Marks a column encrypted at rest (AES-GCM); the context attaches the converter for its key.</summary>
    public static PropertyBuilder<TProperty> IsEncrypted<TProperty>(this PropertyBuilder<TProperty> property) =>
        property.HasAnnotation(Annotation, true);
}

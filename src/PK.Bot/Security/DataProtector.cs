using System.Security.Cryptography;
using System.Text;

namespace PK.Bot.Security;

/// <summary>AES-GCM for columns that carry NIKs or names, and an HMAC for looking a NIK up without storing it.</summary>
public sealed class DataProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] encryptionKey;
    private readonly byte[] lookupKey;

    public DataProtector(ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != 32) throw new ArgumentException("The data key must be 32 bytes.", nameof(dataKey));
        encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey.ToArray(), 32, info: "pk-bot/columns"u8.ToArray());
        lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey.ToArray(), 32, info: "pk-bot/lookup"u8.ToArray());
        KeyId = Convert.ToHexString(SHA256.HashData(lookupKey))[..16];
    }

    /// <summary>A fingerprint of the key (not the key), so models built for different keys are never mixed.</summary>
    public string KeyId { get; }

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + plain.Length + TagSize];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize, plain.Length), output.AsSpan(1 + NonceSize + plain.Length), [FormatVersion]);
        return Convert.ToBase64String(output);
    }

    public string Unprotect(string protectedText)
    {
        var input = Convert.FromBase64String(protectedText);
        if (input.Length < 1 + NonceSize + TagSize || input[0] != FormatVersion)
            throw new CryptographicException("Not a value this bot encrypted.");
        var cipherLength = input.Length - 1 - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize, cipherLength), input.AsSpan(1 + NonceSize + cipherLength), plain, [FormatVersion]);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>HMAC-SHA256 of a NIK (digits only), hex: equal NIKs give equal hashes, the NIK cannot be read back.</summary>
    public string LookupHash(string nik) =>
        Convert.ToHexString(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(new string(nik.Where(char.IsAsciiDigit).ToArray()))));
}

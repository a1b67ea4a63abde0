using System.Security.Cryptography;
using System.Text;

namespace PK.Bot.Security;

/// <summary>AES-GCM for columns that carry NIKs, names or phone numbers, and HMACs for looking values up without storing them.</summary>
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
        var checkKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey.ToArray(), 32, info: "pk-bot/check"u8.ToArray());
        CheckValue = Convert.ToHexString(HMACSHA256.HashData(checkKey, "pk-bot data key check"u8))[..32];
    }

    /// <summary>A fingerprint of the key (not the key), so models built for different keys are never mixed.</summary>
    public string KeyId { get; }

    /// <summary>Stored in the database (<c>data_key</c>): a key that gives another value did not write the data.</summary>
    public string CheckValue { get; }

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

    public string Unprotect(string protectedText) =>
        TryUnprotect(protectedText, out var plain) ? plain : throw new CryptographicException("Not a value this bot encrypted with this key.");

    /// <summary>False when the value was not encrypted under this key (AES-GCM authenticates, so a wrong key never yields text).</summary>
    public bool TryUnprotect(string protectedText, out string plaintext)
    {
        plaintext = "";
        var input = new byte[protectedText.Length];
        if (!Convert.TryFromBase64String(protectedText, input, out var length)) return false;
        if (length < 1 + NonceSize + TagSize || input[0] != FormatVersion) return false;
        var cipherLength = length - 1 - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(encryptionKey, TagSize);
        try
        {
            aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize, cipherLength), input.AsSpan(1 + NonceSize + cipherLength, TagSize), plain, [FormatVersion]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        plaintext = Encoding.UTF8.GetString(plain);
        return true;
    }

    /// <summary>A decryptor for reading many values in a row (an export): one cipher, reused buffers. Not thread-safe.</summary>
    public BulkDecryptor CreateBulkDecryptor() => new(encryptionKey);

    /// <summary>
    /// Decrypts values as <see cref="Unprotect"/> does, from their stored (base64) UTF-8 bytes to the plaintext's UTF-8
    /// bytes, with no string on either side: for readers that parse the plaintext (JSON) themselves.
    /// </summary>
    public sealed class BulkDecryptor(byte[] key) : IDisposable
    {
        private readonly AesGcm aes = new(key, TagSize);
        private byte[] input = new byte[8192];

        /// <summary>The plaintext in a new array. Throws <see cref="CryptographicException"/> as <see cref="Unprotect"/> does.</summary>
        public byte[] DecryptUtf8(ReadOnlySpan<byte> protectedBase64)
        {
            var maxLength = System.Buffers.Text.Base64.GetMaxDecodedFromUtf8Length(protectedBase64.Length);
            if (input.Length < maxLength) input = new byte[Math.Max(maxLength, input.Length * 2)];
            if (System.Buffers.Text.Base64.DecodeFromUtf8(protectedBase64, input, out _, out var length) != System.Buffers.OperationStatus.Done
                || length < 1 + NonceSize + TagSize || input[0] != FormatVersion)
                throw new CryptographicException("Not a value this bot encrypted with this key.");
            var cipherLength = length - 1 - NonceSize - TagSize;
            var plain = new byte[cipherLength];
            try
            {
                aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize, cipherLength), input.AsSpan(1 + NonceSize + cipherLength, TagSize), plain, [FormatVersion]);
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new CryptographicException("Not a value this bot encrypted with this key.", ex);
            }
            return plain;
        }

        public void Dispose() => aes.Dispose();
    }

    /// <summary>HMAC-SHA256 of a NIK (digits only), hex: equal NIKs give equal hashes, the NIK cannot be read back.</summary>
    public string LookupHash(string nik) =>
        Convert.ToHexString(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(new string(nik.Where(char.IsAsciiDigit).ToArray()))));

    /// <summary>HMAC of a phone number's E.164 digits, prefixed so it never equals a NIK's hash.</summary>
    public string PhoneHash(string phoneDigits) => KeyedHash("phone", new string(phoneDigits.Where(char.IsAsciiDigit).ToArray()));

    /// <summary>HMAC of a family's address key (<c>desa|RW|RT|No.|Urut</c>): equal addresses still match, none can be read back.</summary>
    public string FamilyKeyHash(string familyKey) => KeyedHash("family", familyKey);

    private string KeyedHash(string purpose, string value) =>
        Convert.ToHexString(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(purpose + "\0" + value)));
}

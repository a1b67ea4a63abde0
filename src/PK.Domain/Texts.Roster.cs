namespace PK.Domain;

/// <summary>What the admin reads about a roster or targets file. No sentence repeats a name or a whole phone number.</summary>
public static partial class Texts
{
    public const string ImportFileEmpty = "Berkas kosong: baris judul (nama kolom) tidak ditemukan.";

    public static string ImportColumnMissing(string column) => $"Kolom {column} tidak ada di baris judul.";

    public static string ImportColumnTwice(string column) => $"Kolom {column} tertulis dua kali di baris judul.";

    public const string ImportUnclosedQuote =
        "Tanda kutip (\") tidak ditutup, atau ada teks sesudah tanda kutip penutup.";

    public static string ImportTooManyValues(int values, int columns) =>
        $"Baris ini berisi {values} nilai, padahal baris judul hanya {columns} kolom; nilai yang memuat koma atau titik koma harus diapit tanda kutip.";

    public static string ImportValueMissing(string column) => $"Kolom {column} kosong.";

    public static string ImportCodeInvalid(string? shown) => shown is null
        ? "Kolom kode_wilayah: bukan kode wilayah Kemendagri (contoh 33.13.01.2001 atau 3313012001)."
        : $"Kolom kode_wilayah: {shown} bukan kode wilayah Kemendagri (contoh 33.13.01.2001 atau 3313012001).";

    public static string ImportCodeUnknown(string? shown) => shown is null
        ? "Kolom kode_wilayah: kode tidak ada di daftar wilayah Kemendagri."
        : $"Kolom kode_wilayah: kode {shown} tidak ada di daftar wilayah Kemendagri.";

    public static string ImportTargetInvalid(string? shown) => shown is null
        ? "Kolom target_keluarga: harus bilangan bulat 0 atau lebih, tanpa titik atau koma."
        : $"Kolom target_keluarga: {shown} bukan bilangan bulat 0 atau lebih (tulis tanpa titik atau koma).";

    public const string RosterPhoneInvalid = "Kolom telepon: nomor telepon tidak valid.";

    public static string RosterPhoneRepeated(string masked, int firstLine) =>
        $"Kolom telepon: nomor {masked} sudah ada di baris {firstLine}.";

    public const string RosterRoleUnknown = "Kolom peran tidak dikenal: isi kader, koordinator, admin atau nonaktif.";

    public const string RosterKaderAtProvince =
        "Kolom kode_wilayah: wilayah kader harus desa, kecamatan atau kabupaten, bukan provinsi.";

    public static string TargetsRegionRepeated(string code, int firstLine) =>
        $"Kolom kode_wilayah: {code} sudah ada di baris {firstLine}.";
}

public static partial class Texts
{
    public static string TransferUnknown(string maskedPhone) => $"Nomor {maskedPhone} tidak ada di roster aktif.";

    public const string TransferSamePerson = "Nomor asal dan tujuan sama; tidak ada yang dipindahkan.";

    public static string TransferOutsideArea(int families) =>
        $"{families} keluarga berada di luar wilayah kader tujuan; tidak ada yang dipindahkan. Pilih kader dari wilayah yang sama.";

    public static string TransferDone(int families) => $"{families} keluarga yang belum selesai dipindahkan; kader tujuan melanjutkannya dengan /lanjut.";
}

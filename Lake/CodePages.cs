using System.Text;

namespace Datapunk.Lake;

/// <summary>
/// Makes the Windows and legacy code pages (windows-1252, shift_jis, …) available to every decoder.
/// Each reader that decodes text calls it before its first decode: MimeKit decodes a header's
/// encoded words before the importer touches a body, and falls back to Latin-1 for a charset it
/// cannot find. Registering twice is harmless.
/// </summary>
public static class CodePages
{
    public static void EnsureRegistered() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}

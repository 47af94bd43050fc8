using Datapunk.Lake.Catalog.Pii;

namespace Datapunk.Lake.Workbench;

/// <summary>
/// The one place the workbench masks personal identifiers in a text value of a result (every text cell of a
/// result the owner did not ask to see unmasked goes through here): <see cref="PiiMasker"/>'s "[email]", "[phone]", ….
/// </summary>
internal static class WorkbenchMasking
{
    public static string Mask(string text) => PiiMasker.Mask(text);
}

using Datapunk.Lake.Tables;

namespace Datapunk.Silo.Api.Tables;

/// <summary>
/// The query of a table upload or preview: <c>format=</c> (else the extension of <c>fileName=</c>),
/// <c>sheet=</c>, <c>uploadId=</c> (a finished upload of <c>/api/v1/uploads</c> instead of the body), and the
/// corrections, each repeatable: <c>type=column:type</c>, <c>rename=column:new_name</c>, <c>skip=column</c>.
/// </summary>
internal sealed record TableUploadQuery(string Format, string FileName, Guid? UploadId, TableReadOptions Read, TableColumnChanges Changes)
{
    public static TableUploadQuery? Parse(HttpRequest request, UserTablesOptions options, Dictionary<string, string[]> errors)
    {
        var query = request.Query;
        var fileName = query["fileName"].FirstOrDefault() is { Length: > 0 } given ? given : null;
        Guid? uploadId = null;
        if (query["uploadId"].FirstOrDefault() is { } id)
        {
            uploadId = Guid.TryParse(id, out var parsed) ? parsed : Add(errors, "uploadId", $"'{id}' is not an upload id.");
        }

        var format = TableFormats.Resolve(query["format"].FirstOrDefault(), fileName);
        if (format is null)
        {
            Add(errors, "format", $"Say the file's format (format=, one of {string.Join(", ", TableFormats.All)}) or give a fileName= with its extension.");
        }

        var types = Pairs(query["type"], "type", errors);
        var renames = Pairs(query["rename"], "rename", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new TableUploadQuery(format!, fileName ?? $"upload.{format}", uploadId,
            new TableReadOptions(query["sheet"].FirstOrDefault(), options.MaxInflatedBytes),
            new TableColumnChanges(types, renames, [.. query["skip"].OfType<string>()]));
    }

    private static Dictionary<string, string> Pairs(IEnumerable<string?> values, string parameter, Dictionary<string, string[]> errors)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values.OfType<string>())
        {
            var separator = value.IndexOfAny([':', '=']);
            if (separator <= 0 || separator == value.Length - 1)
            {
                Add(errors, parameter, $"'{value}' is not column:value.");
                continue;
            }

            pairs[value[..separator].Trim()] = value[(separator + 1)..].Trim();
        }

        return pairs;
    }

    private static Guid? Add(Dictionary<string, string[]> errors, string parameter, string message)
    {
        errors[parameter] = [.. errors.GetValueOrDefault(parameter, []), message];
        return null;
    }
}

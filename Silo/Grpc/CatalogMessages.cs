namespace Datapunk.Silo.Grpc;

/// <summary>Users' catalogs and lineage as the gRPC Catalog service sends them (catalog.proto).</summary>
internal static class CatalogMessages
{
    public static V1.CatalogOverview ToMessage(this CatalogOverview catalog)
    {
        var message = new V1.CatalogOverview
        {
            Datasets = { catalog.Datasets.Select(ToMessage) }, RefreshedAt = catalog.RefreshedAt.ToTimestamp(), RefreshPending = catalog.RefreshPending,
        };
        if (catalog.ElapsedMs is { } elapsed)
        {
            message.ElapsedMs = elapsed;
        }

        return message;
    }

    public static V1.DatasetDetail ToMessage(this CatalogDatasetDetail detail) => new()
    {
        Dataset = detail.Dataset.ToMessage(),
        Fields =
        {
            detail.Fields.Select(field => new V1.SchemaField
            {
                Name = field.Name, Type = field.Type, Present = field.Present, Sampled = field.Sampled, Examples = { field.Examples },
            }),
        },
        Versions =
        {
            detail.Versions.Select(version => new V1.SchemaVersion
            {
                Version = version.Version, SeenAt = version.SeenAt.ToTimestamp(), Fields = { version.Fields }, Added = { version.Added }, Removed = { version.Removed },
            }),
        },
        Drift = { detail.Drift.Select(ToMessage) },
        Quality = { detail.Quality.Select(ToMessage) },
        Pii = { detail.Pii.Select(ToMessage) },
        Trend = { detail.Trend.Select(point => new V1.QualityTrendPoint { ComputedAt = point.ComputedAt.ToTimestamp(), Scores = { Scores(point.Scores) } }) },
        Sources = { detail.Sources.Select(ToMessage) },
    };

    public static V1.Lineage ToMessage(this LineageGraph graph) => new()
    {
        Root = graph.Root,
        Nodes = { graph.Nodes.Select(node => new V1.LineageNode { Id = node.Id, Type = node.Type, Label = node.Label, Facts = { node.Facts.ToDictionary() } }) },
        Edges = { graph.Edges.Select(ToMessage) },
    };

    private static V1.Dataset ToMessage(this CatalogDataset dataset)
    {
        var message = new V1.Dataset
        {
            Id = dataset.Id,
            Zone = dataset.Zone,
            Origin = dataset.Origin,
            Source = dataset.Source,
            Rows = dataset.Rows,
            FirstAt = dataset.FirstAt.ToTimestamp(),
            LastAt = dataset.LastAt.ToTimestamp(),
            LastUpdate = dataset.LastUpdate.ToTimestamp(),
            Files = dataset.Files,
            SchemaVersion = dataset.SchemaVersion,
            Quality = { Scores(dataset.Quality) },
            Pii = { dataset.Pii.ToDictionary() },
        };
        if (dataset.Kind is { } kind)
        {
            message.Kind = kind;
        }

        return message;
    }

    private static IEnumerable<V1.DimensionScore> Scores(IReadOnlyDictionary<string, double?> scores) => scores.Select(score =>
    {
        var message = new V1.DimensionScore { Dimension = score.Key };
        if (score.Value is { } value)
        {
            message.Score = value;
        }

        return message;
    });

    private static V1.SchemaDrift ToMessage(SchemaDriftEvent drift)
    {
        var message = new V1.SchemaDrift { FieldPath = drift.FieldPath, FileId = drift.FileId, Path = drift.Path, SeenAt = drift.SeenAt.ToTimestamp() };
        if (drift.Example is { } example)
        {
            message.Example = example;
        }

        return message;
    }

    private static V1.QualityScore ToMessage(QualityScore quality)
    {
        var message = new V1.QualityScore
        {
            Dimension = quality.Dimension,
            Checked = quality.Checked,
            Failed = quality.Failed,
            Measure = quality.Measure,
            FailingRows = { quality.FailingRows.Select(row => new V1.FailingRow { Id = row.Id, Reason = row.Reason }) },
        };
        if (quality.Score is { } score)
        {
            message.Score = score;
        }

        return message;
    }

    private static V1.PiiField ToMessage(PiiFieldFindings pii)
    {
        var message = new V1.PiiField { Field = pii.Field, Kind = pii.Kind, Findings = pii.Findings, Sampled = pii.Sampled };
        if (pii.Note is { } note)
        {
            message.Note = note;
        }

        return message;
    }

    private static V1.DatasetSourceFile ToMessage(DatasetSourceFile source)
    {
        var message = new V1.DatasetSourceFile
        {
            FileId = source.FileId, ImportId = source.ImportId.ToString(), Path = source.Path, Rows = source.Rows, ImportedAt = source.ImportedAt.ToTimestamp(),
        };
        if (source.FormatId is { } format)
        {
            message.FormatId = format;
        }

        return message;
    }

    private static V1.LineageEdge ToMessage(LineageEdge edge)
    {
        var message = new V1.LineageEdge { From = edge.From, To = edge.To, Relation = edge.Relation };
        if (edge.Rows is { } rows)
        {
            message.Rows = rows;
        }

        return message;
    }
}

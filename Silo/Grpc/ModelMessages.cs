namespace Datapunk.Silo.Grpc;

/// <summary>Users' models and their unusual days as the gRPC Models and Anomalies services send them (models.proto, anomalies.proto).</summary>
internal static class ModelMessages
{
    public static V1.Model ToMessage(this ModelOverview model)
    {
        var message = new V1.Model { Kind = model.Kind, Training = model.Training, Versions = { model.Versions.Select(ToMessage) } };
        if (model.Promoted is { } promoted)
        {
            message.Promoted = promoted;
        }

        return message;
    }

    public static V1.AnomalyList ToMessage(this AnomalyList anomalies)
    {
        var message = new V1.AnomalyList { TimeZone = anomalies.TimeZone, Days = { anomalies.Days.Select(ToMessage) } };
        if (anomalies.Version is { } version)
        {
            message.Version = version;
        }

        return message;
    }

    private static V1.ModelVersion ToMessage(ModelVersion version)
    {
        var message = new V1.ModelVersion
        {
            Kind = version.Kind,
            Version = version.Version,
            Status = version.Status,
            Parameters = { version.Parameters.ToDictionary() },
            DataFrom = version.DataFrom.ToTimestamp(),
            DataTo = version.DataTo.ToTimestamp(),
            Metrics = { version.Metrics.ToDictionary() },
            Reason = version.Reason,
            TrainedBy = version.TrainedBy,
            CreatedAt = version.CreatedAt.ToTimestamp(),
            FinishedAt = version.FinishedAt.ToTimestamp(),
            PromotedAt = version.PromotedAt.ToTimestamp(),
        };
        if (version.Error is { } error)
        {
            message.Error = error;
        }

        return message;
    }

    private static V1.AnomalyDay ToMessage(AnomalyDay day) => new()
    {
        Date = day.Date.ToText(),
        Score = day.Score,
        Reasons =
        {
            day.Reasons.Select(reason => new V1.AnomalyReason
            {
                Feature = reason.Feature, Value = reason.Value, Usual = reason.Usual, Score = reason.Score, Text = reason.Text,
            }),
        },
        Features = { day.Features.Select(feature => Feature(feature.Key, feature.Value)) },
    };

    private static V1.AnomalyFeature Feature(string name, double? value)
    {
        var message = new V1.AnomalyFeature { Name = name };
        if (value is { } known)
        {
            message.Value = known;
        }

        return message;
    }
}

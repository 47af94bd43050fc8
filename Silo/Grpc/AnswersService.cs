using System.Globalization;
using Datapunk.Cortex.Answers;
using Datapunk.Silo.Api;
using Datapunk.Silo.Auth;
using Datapunk.Users.Audit;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Datapunk.Silo.Grpc;

/// <summary>Answers over gRPC (answers.proto): the same events as <c>POST /api/v1/ask</c>'s server-sent events, from the caller's own Cortex grain.</summary>
[Authorize(Policy = AuthPolicies.Read)]
internal sealed class AnswersService(IGrainFactory grains) : V1.Answers.AnswersBase
{
    [GrpcAudited(AuditActions.Ask)]
    public override async Task Ask(V1.AskRequest request, IServerStreamWriter<V1.AskEvent> responseStream, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Question) || request.Question.Length > AskContext.MaxQuestionLength)
        {
            throw GrpcArguments.Invalid("question", $"ask a question of 1 to {AskContext.MaxQuestionLength} characters.");
        }

        var http = context.GetHttpContext();
        await responseStream.WriteAsync(new V1.AskEvent { Progress = "answering" }, context.CancellationToken);
        var answer = await grains.GetGrain<ICortexGrain>(http.User.UserIdOf()).AskAsync(request.Question);
        http.ReportAuditedRecords(answer.Citations.Count);
        foreach (var step in answer.How.Steps)
        {
            await responseStream.WriteAsync(new V1.AskEvent { Step = step }, context.CancellationToken);
        }

        foreach (var citation in answer.Citations)
        {
            await responseStream.WriteAsync(new V1.AskEvent { Citation = ToMessage(citation) }, context.CancellationToken);
        }

        await responseStream.WriteAsync(new V1.AskEvent { Answer = answer.Answer }, context.CancellationToken);
        await responseStream.WriteAsync(new V1.AskEvent { Done = ToMessage(answer) }, context.CancellationToken);
    }

    private static V1.Answer ToMessage(CortexAnswer answer)
    {
        var message = new V1.Answer
        {
            Question = answer.Question,
            Answer_ = answer.Answer,
            Citations = { answer.Citations.Select(ToMessage) },
            Method = answer.How.Method,
            Parameters = { answer.How.Parameters.ToDictionary() },
            ToolCalls = { answer.How.ToolCalls.Select(call => new V1.AnswerToolCall { Name = call.Name, Arguments = call.Arguments, Records = call.Records }) },
            Steps = { answer.How.Steps },
            UsedLanguageModel = answer.UsedLanguageModel,
            TimeZone = answer.TimeZone,
        };
        if (answer.How.Template is { } template)
        {
            message.Template = template;
        }

        if (answer.How.Language is { } language)
        {
            message.Language = language;
        }

        return message;
    }

    private static V1.AnswerCitation ToMessage(AnswerCitation citation)
    {
        var message = new V1.AnswerCitation { Id = citation.Id, Kind = citation.Kind, Time = citation.Time.ToTimestamp() };
        if (citation.LocalTime is { } local)
        {
            message.LocalTime = local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        if (citation.Title is { } title)
        {
            message.Title = title;
        }

        if (citation.Source is { } source)
        {
            message.Source = source;
        }

        if (citation.Position is { } position)
        {
            (message.Lat, message.Lng) = (position.Lat, position.Lng);
        }

        return message;
    }
}

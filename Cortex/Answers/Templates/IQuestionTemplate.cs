using Datapunk.Cortex.Answers.Questions;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.Templates;

/// <summary>Answers one type of recognised question with parameterised SQL in the user's read transaction.</summary>
internal interface IQuestionTemplate
{
    QuestionType Type { get; }

    Task<TemplateResult> AnswerAsync(RecognisedQuestion question, AnswerScope scope, ReadTransaction read, CancellationToken cancellationToken);
}

using Understudy.ServiceSimulator.Requests;
using Understudy.ServiceSimulator.TicketTriage;

namespace Understudy.ServiceSimulator;

/// <summary>
/// A simulator of a service LLM for a computable task (support-ticket triage), independent of HTTP. It recognises
/// three kinds of request by their content (judge first, then synthesis, then answer; see
/// <see cref="JudgePromptParser"/>, <see cref="SynthesisPromptParser"/>, <see cref="TriagePrompt"/>) and computes the
/// reply. It never pretends to be a general LLM: anything else is refused with a 400 that says what it can do.
/// Thread-safe.
/// </summary>
public sealed class TicketTriageSimulator(double studentErrorRate, int seed)
{
    /// <summary>The 400 message for a request of no kind the simulator knows.</summary>
    public const string Capabilities =
        "This is the Understudy service simulator for one computable task, support-ticket triage; it is not a language "
        + "model and cannot answer other requests. It can: (1) answer a triage prompt whose ticket is between <ticket> and "
        + "</ticket>; (2) judge an answer when the prompt holds an instruction, a reference (human) response and a candidate "
        + "(language model) response, tagged <instruction>/<human_response>/<lm_response> or under LlamaDuo's headings "
        + "'Instruction:', 'Human Response:', 'Language Model Response:'; (3) synthesise new (instruction, response) pairs "
        + "when the prompt asks to generate pairs like seed triage examples. See docs/service-simulator.md.";

    private readonly RequestRandomness _randomness = new(seed);

    /// <summary>The probability with which the student simulator gets each field wrong.</summary>
    public double StudentErrorRate { get; } = studentErrorRate is >= 0 and <= 1
        ? studentErrorRate
        : throw new ArgumentOutOfRangeException(nameof(studentErrorRate), studentErrorRate, "The student error rate is a probability between 0 and 1.");

    /// <summary>Computes the reply; throws <see cref="SimulatorException"/> for a request it cannot serve.</summary>
    public SimulatedReply Respond(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!SimulatorModels.All.Contains(request.Model))
        {
            throw new SimulatorException(404, "model_not_found",
                $"The model \"{request.Model}\" does not exist here. This simulator serves: {string.Join(", ", SimulatorModels.All)}.", "model");
        }
        if (!request.Messages.Any(message => message.Role == "user"))
        {
            throw SimulatorException.BadRequest("missing_user_message", "The request has no message with role \"user\".", "messages");
        }
        // The latest user message normally is the request; a follow-up such as a re-ask ("that answer could not be
        // used...") is not, and then the latest earlier request that is recognisable gets answered again.
        foreach (string prompt in request.UserTextsLatestFirst)
        {
            if (TryRespond(request, prompt) is { } reply)
            {
                return reply;
            }
        }
        throw SimulatorException.BadRequest("unsupported_request", Capabilities, "messages");
    }

    private SimulatedReply? TryRespond(ChatRequest request, string prompt)
    {
        bool isStudent = request.Model == SimulatorModels.Student;
        if (JudgePromptParser.TryParse(prompt, out JudgeSections? sections))
        {
            RefuseForStudent(isStudent, "judge");
            string verdict = JudgeResponder.Judge(sections!, prompt, request.ResponseFormat);
            return new SimulatedReply(SimulatedRequestKind.Judge, Enumerable.Repeat(verdict, request.ChoiceCount).ToList());
        }
        if (SynthesisPromptParser.TryParse(prompt, request.ResponseFormat, out SynthesisSpec? spec))
        {
            RefuseForStudent(isStudent, "synthesise");
            var pairs = Enumerable.Range(0, request.ChoiceCount)
                .Select(_ => SynthesisResponder.Synthesise(spec!, _randomness.For(request.Model, prompt, request.Seed)))
                .ToList();
            return new SimulatedReply(SimulatedRequestKind.Synthesise, pairs);
        }
        if (TriagePrompt.TryExtractTicket(prompt, out string ticket))
        {
            TriageRecord truth = Compute(ticket);
            var answers = Enumerable.Range(0, request.ChoiceCount)
                .Select(_ => isStudent
                    ? TriageStudentSimulator.Answer(truth, StudentErrorRate, _randomness.For(request.Model, prompt, request.Seed), !request.ResponseFormat.RequiresJson)
                    : truth.ToJson())
                .ToList();
            return new SimulatedReply(SimulatedRequestKind.Answer, answers);
        }
        return null;
    }

    private static TriageRecord Compute(string ticket)
    {
        try
        {
            return TriageExtractor.Triage(ticket);
        }
        catch (TicketNotRecognizedException exception)
        {
            throw SimulatorException.BadRequest("ticket_not_recognized", exception.Message, "messages");
        }
    }

    private static void RefuseForStudent(bool isStudent, string what)
    {
        if (isStudent)
        {
            throw SimulatorException.BadRequest("unsupported_for_model",
                $"The model \"{SimulatorModels.Student}\" only answers triage prompts; ask \"{SimulatorModels.Teacher}\" to {what}.", "model");
        }
    }
}

import { useState } from "preact/hooks";
import type { PageProps } from "../App";
import { readEvents } from "../api/events";
import { browserZone, dateTime, kindLabel, timelineLink } from "../format";

interface Citation { id: string; kind: string; time: string | null; title: string | null }
interface Turn { question: string; steps: string[]; citations: Citation[]; answer: string; error?: string; done: boolean }

// A conversation with the user's data: each answer streams its steps and citations, and every
// citation opens its record in the timeline.
export function AskPage({ me }: PageProps) {
  const zone = me.timeZone || browserZone;
  const [question, setQuestion] = useState("");
  const [turns, setTurns] = useState<Turn[]>([]);
  const [busy, setBusy] = useState(false);

  async function ask(event: Event) {
    event.preventDefault();
    if (!question.trim()) return;
    const turn: Turn = { question, steps: [], citations: [], answer: "", done: false };
    const update = () => setTurns((all) => [...all.slice(0, -1), { ...turn }]);
    setTurns((all) => [...all, turn]);
    setQuestion("");
    setBusy(true);
    try {
      const body = JSON.stringify({ question: turn.question });
      for await (const e of readEvents("/api/v1/ask", { method: "POST", headers: { "content-type": "application/json" }, body })) {
        const data = JSON.parse(e.data);
        if (e.event === "step") turn.steps.push(typeof data === "string" ? data : data.text ?? JSON.stringify(data));
        else if (e.event === "citation") turn.citations.push(data as Citation);
        else if (e.event === "answer") turn.answer = typeof data === "string" ? data : data.text ?? data.answer ?? "";
        else if (e.event === "done") { turn.answer = data.answer; turn.citations = data.citations; turn.done = true; }
        update();
      }
    } catch (e) {
      turn.error = (e as Error).message;
      update();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Ask</h1>
      <div aria-live="polite" data-testid="conversation">
        {turns.map((t) => (
          <section class="panel">
            <p><strong>You:</strong> {t.question}</p>
            {t.answer ? <p data-testid="answer"><strong>Datapunk:</strong> {t.answer}</p> : !t.error && <p role="status">Thinking… {t.steps.at(-1)}</p>}
            {t.error && <p class="error" role="alert">{t.error}</p>}
            {t.citations.length > 0 && (
              <>
                <h2>Sources</h2>
                <ol data-testid="citations">
                  {t.citations.map((c) => (
                    <li><a href={timelineLink(c.kind, c.id, c.time, zone)}>{c.title || kindLabel(c.kind)}</a> <span class="time">{dateTime(c.time, zone)}</span></li>
                  ))}
                </ol>
              </>
            )}
          </section>
        ))}
      </div>
      <form onSubmit={ask} class="row">
        <label class="inline" style={{ flex: 1 }}>Question
          <input type="text" style={{ flex: 1, minWidth: "12rem" }} value={question} onInput={(e) => setQuestion(e.currentTarget.value)} placeholder="How many songs did I listen to in 2019?" />
        </label>
        <button class="primary" type="submit" disabled={busy}>Ask</button>
      </form>
    </>
  );
}

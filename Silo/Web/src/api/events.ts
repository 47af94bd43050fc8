// Server-sent events read with fetch and a stream reader: EventSource cannot send the
// Authorization header the API needs.
import { errorOf } from "./problems";
import { send } from "./client";

export interface ServerEvent {
  event: string;
  data: string;
}

export async function* readEvents(path: string, init: RequestInit = {}): AsyncGenerator<ServerEvent> {
  const headers = new Headers(init.headers);
  headers.set("accept", "text/event-stream");
  const response = await send(path, { ...init, headers });
  if (!response.ok || !response.body) throw await errorOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const parsed = parse(block);
      if (parsed) yield parsed;
    }
  }
  const last = parse(buffer);
  if (last) yield last;
}

function parse(block: string): ServerEvent | null {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return data.length ? { event, data: data.join("\n") } : null;
}

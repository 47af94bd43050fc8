import { dateTime } from "../format";

/** A record's removedAtSource (docs/api.md): the live source removed or cancelled the item, and the archive kept it. */
export interface SourceRemoval { at: string; reason: string }

// The provider as a person knows it, from the export format id of what stored the record (gmail.api.messages).
const providers: [string, string][] = [["gmail", "Gmail"], ["google.calendar", "Google Calendar"], ["microsoft", "Outlook"]];

const reasons: Record<string, string> = { cancelled: "cancelled", deleted: "deleted", trash: "in the trash", spam: "marked spam" };

/** A small badge ("cancelled", "deleted in Gmail"); nothing for a record its source still has. */
export function RemovedBadge({ removal, source, zone }: { removal?: SourceRemoval | null; source?: string | null; zone: string }) {
  if (!removal) return null;
  const provider = providers.find(([prefix]) => source?.startsWith(prefix))?.[1];
  const what = reasons[removal.reason] ?? removal.reason;
  const label = removal.reason === "cancelled" ? what : `${what} ${provider ? `in ${provider}` : "at the source"}`;
  return <span class="badge" data-testid="removed-at-source" title={`Seen ${dateTime(removal.at, zone)}; kept in the archive`}>{label}</span>;
}

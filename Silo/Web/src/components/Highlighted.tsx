// Search snippets mark matches with **…** (SearchPage.HighlightStart/End on the server): shown as <mark>.
export function Highlighted({ text }: { text: string }) {
  const parts = text.split("**");
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark>{part}</mark> : part))}</>;
}

import type { Lineage } from "./types";

// The lineage graph as SVG: one column per step (file, import or source, dataset or record, derived set or
// model), nodes as labelled boxes, edges as lines labelled with their relation and rows.
const columnOf: Record<string, number> = { file: 0, import: 1, live: 1, connection: 1, dataset: 2, record: 2, model: 3 };
const [boxWidth, boxHeight, columnGap, rowGap] = [190, 44, 70, 16];

export function LineageDrawing({ graph }: { graph: Lineage }) {
  const columns: string[][] = [[], [], [], []];
  for (const node of graph.nodes) {
    const column = node.type === "dataset" && node.id.startsWith("dataset:gold:") ? 3 : columnOf[node.type] ?? 3;
    columns[column].push(node.id);
  }
  const at = new Map<string, { x: number; y: number }>();
  columns.forEach((ids, column) => ids.forEach((id, row) => at.set(id, { x: column * (boxWidth + columnGap), y: row * (boxHeight + rowGap) })));
  const height = Math.max(...columns.map((ids) => ids.length), 1) * (boxHeight + rowGap);
  const width = 4 * boxWidth + 3 * columnGap;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return (
    <svg role="img" aria-label="Lineage graph" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxHeight: "28rem" }} data-testid="lineage">
      {graph.edges.map((edge) => {
        const from = at.get(edge.from), to = at.get(edge.to);
        if (!from || !to) return null;
        const [x1, y1, x2, y2] = [from.x + boxWidth, from.y + boxHeight / 2, to.x, to.y + boxHeight / 2];
        return (
          <g>
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="currentColor" stroke-opacity="0.5" />
            <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 3} font-size="10" text-anchor="middle">{edge.relation}{edge.rows != null ? ` (${edge.rows})` : ""}</text>
          </g>
        );
      })}
      {[...at.entries()].map(([id, { x, y }]) => (
        <g data-node={id}>
          <rect x={x} y={y} width={boxWidth} height={boxHeight} rx="6" fill={id === graph.root ? "var(--accent)" : "var(--panel)"} fill-opacity={id === graph.root ? 0.25 : 1} stroke="currentColor" stroke-opacity="0.4" />
          <text x={x + 6} y={y + 16} font-size="10" font-weight="bold">{byId.get(id)?.type}</text>
          <text x={x + 6} y={y + 32} font-size="11">{(byId.get(id)?.label ?? id).slice(0, 30)}</text>
        </g>
      ))}
    </svg>
  );
}

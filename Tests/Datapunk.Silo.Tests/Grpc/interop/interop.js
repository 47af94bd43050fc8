// Drives Datapunk's gRPC services with @grpc/grpc-js and @grpc/proto-loader, an implementation
// independent of the .NET one, and prints one JSON object with the outcome of every case.
// Usage: node interop.js '<json>' with {target, protoDir, member, memberName, other, admin, ownImport, runningImport, memberExport}:
// tokens of two members and of an administrator, an import of `member`, and one of `member` still running;
// `member` also holds records (Spotify plays and place visits) for the Records stream, and an export.
'use strict';

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const path = require('path');

const input = JSON.parse(process.argv[2]);
const definition = protoLoader.loadSync(
  ['me.proto', 'users.proto', 'imports.proto', 'audit.proto', 'records.proto', 'map.proto', 'stats.proto', 'privacy.proto'].map((file) => path.join(input.protoDir, file)),
  { includeDirs: [input.protoDir], keepCase: false, longs: String, enums: String, defaults: true, oneofs: true },
);
const v1 = grpc.loadPackageDefinition(definition).datapunk.v1;
const insecure = grpc.credentials.createInsecure();
const clients = {
  me: new v1.Me(input.target, insecure),
  users: new v1.Users(input.target, insecure),
  imports: new v1.Imports(input.target, insecure),
  audit: new v1.Audit(input.target, insecure),
  records: new v1.Records(input.target, insecure),
  map: new v1.Map(input.target, insecure),
  stats: new v1.Stats(input.target, insecure),
  privacy: new v1.Privacy(input.target, insecure),
};

function metadata(token, actAs) {
  const m = new grpc.Metadata();
  if (token) m.set('authorization', `Bearer ${token}`);
  if (actAs) m.set('datapunk-act-as', actAs);
  return m;
}

function deadline(ms) {
  return new Date(Date.now() + ms);
}

// A unary call as {code, details, reply}: code 0 with the reply, or the error's code and message.
function unary(client, method, request, token, options = {}) {
  return new Promise((resolve) => {
    client[method](request, metadata(token, options.actAs), { deadline: deadline(options.deadlineMs ?? 10000) }, (error, reply) => {
      resolve(error ? { code: error.code, details: error.details } : { code: 0, reply });
    });
  });
}

// A server-streaming call as {code, details, messages, elapsedMs}: every message received, then how the stream ended.
function streaming(client, method, request, token, deadlineMs) {
  return new Promise((resolve) => {
    const messages = [];
    const started = Date.now();
    const call = client[method](request, metadata(token), { deadline: deadline(deadlineMs) });
    call.on('data', (message) => messages.push(message));
    call.on('error', (error) => resolve({ code: error.code, details: error.details, messages, elapsedMs: Date.now() - started }));
    call.on('end', () => resolve({ code: 0, messages, elapsedMs: Date.now() - started }));
  });
}

// A records stream summarised: its pages' sizes and next_page_tokens, every record's id once, and the titles' owners.
function recordsSummary(result) {
  const records = result.messages.flatMap((page) => page.records);
  return {
    code: result.code,
    details: result.details,
    elapsedMs: result.elapsedMs,
    pages: result.messages.length,
    lastPageToken: result.messages.length ? result.messages[result.messages.length - 1].nextPageToken : null,
    records: records.length,
    distinctIds: new Set(records.map((record) => `${record.kind}/${record.id}`)).size,
    kinds: [...new Set(records.map((record) => record.kind))].sort(),
    newestFirst: records.every((record, i) => i === 0 || !record.occurredAt || !records[i - 1].occurredAt
      || BigInt(records[i - 1].occurredAt.seconds) >= BigInt(record.occurredAt.seconds)),
    titlesOfMember: records.every((record) => record.title.endsWith(input.memberName)),
  };
}

async function main() {
  const results = {};
  // First, while the running import surely runs.
  const started = Date.now();
  results.watchRunningImportPastDeadline = await streaming(clients.imports, 'watchImport', { importId: input.runningImport }, input.member, 700);
  results.watchRunningImportPastDeadline.elapsedMs = Date.now() - started;
  results.recordsStream = recordsSummary(await streaming(clients.records, 'streamPages', { pageSize: 500 }, input.member, 30000));
  // After the stream above (its channel connected): one record a page, each page a database read, far more pages than 1 s allows.
  results.recordsStreamPastDeadline = recordsSummary(await streaming(clients.records, 'streamPages', { pageSize: 1 }, input.member, 1000));
  results.othersRecordsStream = recordsSummary(await streaming(clients.records, 'streamPages', {}, input.other, 10000));
  results.recordsWithBadKind = await unary(clients.records, 'list', { kinds: ['visits'] }, input.member);
  results.mapPointsWithoutBox = await unary(clients.map, 'getPoints', {}, input.member);
  results.mapPlaces = await unary(clients.map, 'getPlaces', { box: { minLng: 13, minLat: 52, maxLng: 14, maxLat: 53 } }, input.member);
  results.dailyPlays = await unary(clients.stats, 'getDaily', { metric: 'records', kind: 'spotify_plays', from: '2019-05-03', to: '2019-05-04' }, input.member);
  results.ownExport = await unary(clients.privacy, 'getExport', { exportId: input.memberExport }, input.member);
  results.othersExport = await unary(clients.privacy, 'getExport', { exportId: input.memberExport }, input.other);
  results.eraseOtherMember = await unary(clients.privacy, 'erase', { confirm: input.memberName }, input.other);
  results.getMe = await unary(clients.me, 'getMe', {}, input.member);
  results.getMeWithoutToken = await unary(clients.me, 'getMe', {}, null);
  results.getMeWithUnknownToken = await unary(clients.me, 'getMe', {}, 'dpat_notatokenatall');
  results.getMeActingAsMember = await unary(clients.me, 'getMe', {}, input.admin, { actAs: input.memberName });
  results.memberListsUsers = await unary(clients.users, 'list', {}, input.member);
  results.adminListsUsers = await unary(clients.users, 'list', {}, input.admin);
  results.createUserWithBadName = await unary(clients.users, 'create', { userName: 'Not A Name!' }, input.admin);
  results.ownImport = await unary(clients.imports, 'get', { importId: input.ownImport }, input.member);
  results.otherUsersImport = await unary(clients.imports, 'get', { importId: input.ownImport }, input.other);
  results.unknownImport = await unary(clients.imports, 'get', { importId: '00000000-0000-4000-8000-000000000001' }, input.member);
  results.badImportId = await unary(clients.imports, 'get', { importId: 'not-a-uuid' }, input.member);
  results.listImports = await unary(clients.imports, 'list', {}, input.member);
  results.watchFinishedImport = await streaming(clients.imports, 'watchImport', { importId: input.ownImport }, input.member, 10000);
  results.watchOtherUsersImport = await streaming(clients.imports, 'watchImport', { importId: input.ownImport }, input.other, 10000);
  // The first reading leaves the audit.read entry the second one streams.
  results.firstAuditTrail = await streaming(clients.audit, 'listTrail', { limit: 0 }, input.member, 10000);
  results.auditTrail = await streaming(clients.audit, 'listTrail', { limit: 0 }, input.member, 10000);
  for (const client of Object.values(clients)) client.close();
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});

// Issue 21, "Speed": ingest of 1,000 agency items (ninjs) into الوارد من الوكالات through the
// intake's own function (lib/platform/wire.ts ingestWireItem: parse, the editor's document check,
// a draft and its save, the queue row), on a fresh database file; then the same 1,000 again
// (every one an update to version 2) and once more (every one unchanged).
//   node --import tsx --import ./tests/setup.ts --conditions=react-server bench/wire-ingest.ts
import { createUser } from '@/lib/auth/users';
import { ingestWireItem } from '@/lib/platform/wire';

const N = Number(process.env.BENCH_ITEMS ?? 1000);
const editor = await createUser({
  email: 'wire-bench@newsroom.test',
  name: 'محرر',
  role: 'editor',
  password: 'x'.repeat(12),
});
const item = (i: number, version: number) => ({
  guid: `urn:agency:bench:${i}`,
  version,
  headlines: [{ value: `خبر الوكالة رقم ${i} في إصداره ${version}` }],
  bodies: [
    {
      value: `<p>الفقرة الأولى من خبر الوكالة رقم ${i}.</p><p>وتقول المصادر إن التفاصيل ستعلن لاحقاً.</p><p>${'نص إضافي '.repeat(40)}</p>`,
      contenttype: 'text/html',
    },
  ],
  urgency: (i % 8) + 1,
  provider: { name: 'وكالة الأنباء' },
  versioncreated: new Date().toISOString(),
});

for (const [label, version] of [
  ['new items', 1],
  ['updates (version 2)', 2],
  ['unchanged (version 2 again)', 2],
] as const) {
  const started = performance.now();
  for (let i = 0; i < N; i++) ingestWireItem(editor, item(i, version));
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(28)} ${N} items in ${(ms / 1000).toFixed(2)} s: ${(N / (ms / 1000)).toFixed(0)} items/s, ${(ms / N).toFixed(2)} ms each`,
  );
}

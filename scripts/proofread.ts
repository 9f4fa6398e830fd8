// التدقيق over the archive, for an editor cleaning older stories:
//   npm run proofread -- --since 2024-09-01        articles changed or published since that day
//   npm run proofread -- --since 2024-09-01 --all  also the articles with nothing to point out
// Prints, per article, its open points: the part (العنوان, النص…), the word, the kind and the
// house form or Hunspell's verdict. Reads only; changes nothing.
import { parseArgs } from 'node:util';
import { and, desc, gte, ne, or } from 'drizzle-orm';
import { db } from '@/db';
import { articles } from '@/db/schema';
import { serverChecker } from '@/lib/newsroom/proofread';
import { stopSpelling } from '@/lib/newsroom/spelling';

const { values } = parseArgs({ options: { since: { type: 'string' }, all: { type: 'boolean' } } });
const since = new Date(values.since ?? '');
if (!values.since || Number.isNaN(since.getTime())) {
  console.error('اكتب التاريخ: npm run proofread -- --since 2024-09-01');
  process.exit(2);
}

const rows = db
  .select({
    id: articles.id,
    headline: articles.headline,
    deck: articles.deck,
    leadCaption: articles.leadImageCaption,
    bodyJson: articles.bodyJson,
    status: articles.status,
  })
  .from(articles)
  .where(
    and(
      ne(articles.status, 'archived'),
      or(gte(articles.updatedAt, since), gte(articles.publishedAt, since)),
    ),
  )
  .orderBy(desc(articles.id))
  .all();

const checker = serverChecker();
let total = 0;
let withPoints = 0;
for (const row of rows) {
  const points = await checker.check({ ...row, body: JSON.parse(row.bodyJson) });
  total += points.length;
  if (points.length === 0 && !values.all) continue;
  if (points.length > 0) withPoints += 1;
  console.log(`\n#${row.id} ${row.headline || '(بلا عنوان)'} — ${points.length} ملاحظة`);
  for (const p of points) {
    const kind = p.kind === 'spelling' ? 'خطأ إملائي' : 'أسلوب التحرير';
    const fix = p.suggestions[0] ? ` ← ${p.suggestions[0]}` : '';
    console.log(`  ${p.part}: ${p.text}${fix} (${kind})`);
  }
}
console.log(`\n${rows.length} مقالًا منذ ${values.since}، ${withPoints} فيها ملاحظات، ${total} ملاحظة.`);
await stopSpelling();

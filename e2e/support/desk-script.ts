// Desk work done from outside a browser, for the end-to-end proofs that need many changes on time
// (e2e/varnish.spec.ts): run with `npx tsx --conditions=react-server e2e/support/desk-script.ts
// <command> …` on the end-to-end database (DATABASE_PATH). It writes through the newsroom's own code
// (the save door's parse, the workflow's transitions), as a second instance of the app would.
//   publish-every <count> <ms> <headline>   a new article published every <ms>; prints `article <id>` for each
//   scheduled <ms> <headline>               an approved article scheduled <ms> from now; prints `article <id>`
//   embargo <id> <ms>                       an embargo on a published article until <ms> from now
import { db } from '@/db';
import { SCRIPT_LOCK_WAIT_MS } from '@/db/connection';
import { findUserByEmail } from '@/lib/auth/users';
import { listSections } from '@/lib/newsroom/articles';
import {
  approveArticle,
  publishArticle,
  scheduleArticle,
  setEmbargo,
  submitForReview,
} from '@/lib/newsroom/workflow';
import { writeArticle } from '../../tests/integration/fixtures';

// A script, not the server: it may wait for the write lock as scripts do (db/connection.ts). With
// the app's 5 ms wait, a publish met SQLITE_BUSY while instances A, B and the suite's server were
// all writing (CI, e2e/varnish.spec.ts «once per publish»); the app's own writes retry instead.
db.$client.pragma(`busy_timeout = ${SCRIPT_LOCK_WAIT_MS}`);

const reporter = findUserByEmail('reporter@newsroom.test');
const editor = findUserByEmail('editor@newsroom.test');
if (!reporter || !editor) throw new Error('the demo reporter and editor are missing');
const sectionId = listSections()[0]!.id;

function approved(headline: string): number {
  const { id } = writeArticle(reporter!, { headline, sectionId, paragraphs: [`نص ${headline} للقراء.`] });
  submitForReview(reporter!, id);
  approveArticle(editor!, id);
  return id;
}

const [command, ...args] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (command === 'publish-every') {
  const [count, every, headline] = [Number(args[0]), Number(args[1]), args[2] ?? 'خبر'];
  for (let i = 0; i < count; i++) {
    const started = Date.now();
    const id = approved(`${headline} ${i + 1}`);
    publishArticle(editor, id);
    console.log(`article ${id}`);
    await sleep(Math.max(0, every - (Date.now() - started)));
  }
} else if (command === 'scheduled') {
  const id = approved(args[1] ?? 'خبر مجدول');
  scheduleArticle(editor, id, new Date(Date.now() + Number(args[0])));
  console.log(`article ${id}`);
} else if (command === 'embargo') {
  setEmbargo(editor, Number(args[0]), new Date(Date.now() + Number(args[1])));
} else {
  throw new Error(`unknown command: ${command}`);
}

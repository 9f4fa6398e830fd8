// For scripts/scan.sh: signs the demo editor in and prints shell assignments for the scanners.
import { actionId, postAction, signIn } from '../../bench/http';

const base = process.argv[2]!;
const cookie = await signIn(base, 'editor@newsroom.test');
const newPage = `${base}/newsroom/articles/new`;
const created = await postAction(newPage, await actionId(newPage, cookie, 'createDraftAction'), cookie, [{}]);
const draftId = Number(/"id":(\d+)/.exec(created)?.[1]);
const save = await actionId(`${base}/newsroom/articles/${draftId}`, cookie, 'saveArticleAction');
const article = (await fetch(`${base}/news/1`, { redirect: 'manual' })).headers.get('location') ?? '/news/1';
const page = await (await fetch(new URL(article, base))).text();
const slugOf = (kind: string) => new RegExp(`href="/${kind}/([^"/?#]+)"`).exec(page)?.[1] ?? 'x';
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
console.log(`COOKIE=${quote(cookie)}`);
console.log(`DRAFT_ID=${draftId}`);
console.log(`SAVE_ACTION=${save}`);
console.log(`ARTICLE_URL=${quote(new URL(article, base).toString())}`);
console.log(`TAG_SLUG=${quote(slugOf('tag'))}`);
console.log(`SECTION_SLUG=${quote(slugOf('section'))}`);

import { asc, eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { events, houseStyleRules, houseStyleVersion, newsroomDictionary } from '@/db/schema';
import { transaction, type Queryable, type Tx } from '@/db/transaction';
import { ActionError } from '@/lib/shared/errors';
import { assertCanInNewsroom, type Actor } from '@/lib/shared/permissions';
import { newsroomSettings } from '@/lib/shared/settings';
import type { HouseRule, ProofSettings } from '@/lib/shared/proofreading/matcher';
import { checkDictionaryWord, checkRule, type RuleInput } from '@/lib/shared/proofreading/rules';

// أسلوب التحرير, the desk's: the rules editors and admins keep on قواعد أسلوب التحرير and the
// newsroom's own dictionary (أضف إلى القاموس). Every change checks its permission, the rule checks
// (lib/shared/proofreading/rules.ts) against the rows read in the same immediate transaction, bumps
// the one version number open editors poll, and writes its سجل النشاط row: all or nothing.

export type DictionaryWord = { id: number; word: string; createdAt: Date };

export type HouseStyle = {
  version: number;
  rules: HouseRule[];
  /** The newsroom dictionary's words. */
  words: string[];
  settings: ProofSettings;
};

export function proofSettings(): ProofSettings {
  return {
    digits: newsroomSettings.dates.digits,
    // On unless the newsroom turns it off (NEWSROOM_ARABIC_PUNCTUATION=0).
    arabicPunctuation: process.env.NEWSROOM_ARABIC_PUNCTUATION !== '0',
  };
}

export function houseStyleVersionOf(q: Queryable = db): number {
  return q.select({ version: houseStyleVersion.version }).from(houseStyleVersion).get()?.version ?? 0;
}

function rulesOf(q: Queryable): HouseRule[] {
  return q
    .select({
      id: houseStyleRules.id,
      kind: houseStyleRules.kind,
      preferred: houseStyleRules.preferred,
      variants: houseStyleRules.variants,
      note: houseStyleRules.note,
    })
    .from(houseStyleRules)
    .orderBy(asc(houseStyleRules.id))
    .all();
}

/** What every open editor needs to check (anyone signed in reads it). */
export function currentHouseStyle(q: Queryable = db): HouseStyle {
  return {
    version: houseStyleVersionOf(q),
    rules: rulesOf(q),
    words: q
      .select({ word: newsroomDictionary.word })
      .from(newsroomDictionary)
      .orderBy(asc(newsroomDictionary.id))
      .all()
      .map((r) => r.word),
    settings: proofSettings(),
  };
}

/** For قواعد أسلوب التحرير. */
export function listHouseStyle(actor: Actor): { rules: HouseRule[]; words: DictionaryWord[] } {
  assertCanInNewsroom(actor, 'manageHouseStyle');
  return {
    rules: rulesOf(db),
    words: db
      .select({
        id: newsroomDictionary.id,
        word: newsroomDictionary.word,
        createdAt: newsroomDictionary.createdAt,
      })
      .from(newsroomDictionary)
      .orderBy(asc(newsroomDictionary.word))
      .all(),
  };
}

function bump(tx: Tx): void {
  tx.update(houseStyleVersion)
    .set({ version: sql`${houseStyleVersion.version} + 1` })
    .where(eq(houseStyleVersion.id, 1))
    .run();
}

function record(tx: Tx, actor: Actor, action: string, detail: string): void {
  tx.insert(events).values({ actorId: actor.id, action, detail, createdAt: new Date() }).run();
}

function describe(rule: { preferred: string; variants: readonly string[] }): string {
  return `${rule.preferred} ← ${rule.variants.join('، ')}`;
}

export const HOUSE_STYLE_MESSAGES = {
  unknownRule: 'هذه القاعدة غير موجودة؛ ربما حذفها زميل.',
} as const;

export function addHouseRule(actor: Actor, input: RuleInput): HouseRule {
  return transaction((tx) => {
    assertCanInNewsroom(actor, 'manageHouseStyle');
    const checked = checkRule(input, rulesOf(tx));
    if (checked.errors) throw new ActionError('invalid_input', checked.errors);
    const row = tx
      .insert(houseStyleRules)
      .values({ ...checked.rule, createdBy: actor.id })
      .returning({ id: houseStyleRules.id })
      .get();
    bump(tx);
    record(tx, actor, 'house_style_rule_added', describe(checked.rule));
    return { id: row.id, ...checked.rule };
  });
}

export function changeHouseRule(actor: Actor, id: number, input: RuleInput): HouseRule {
  return transaction((tx) => {
    assertCanInNewsroom(actor, 'manageHouseStyle');
    const all = rulesOf(tx);
    const before = all.find((r) => r.id === id);
    if (!before) throw new ActionError('not_found', { form: HOUSE_STYLE_MESSAGES.unknownRule });
    const checked = checkRule(
      input,
      all.filter((r) => r.id !== id),
    );
    if (checked.errors) throw new ActionError('invalid_input', checked.errors);
    tx.update(houseStyleRules)
      .set({ ...checked.rule, updatedAt: new Date() })
      .where(eq(houseStyleRules.id, id))
      .run();
    bump(tx);
    record(tx, actor, 'house_style_rule_changed', `${describe(before)} ⟵ ${describe(checked.rule)}`);
    return { id, ...checked.rule };
  });
}

export function deleteHouseRule(actor: Actor, id: number): void {
  transaction((tx) => {
    assertCanInNewsroom(actor, 'manageHouseStyle');
    const before = rulesOf(tx).find((r) => r.id === id);
    if (!before) throw new ActionError('not_found', { form: HOUSE_STYLE_MESSAGES.unknownRule });
    tx.delete(houseStyleRules).where(eq(houseStyleRules.id, id)).run();
    bump(tx);
    record(tx, actor, 'house_style_rule_deleted', describe(before));
  });
}

/** أضف إلى القاموس: shared by the whole newsroom from the next poll on. A word already there is fine. */
export function addDictionaryWord(actor: Actor, word: string): { word: string; version: number } {
  return transaction((tx) => {
    assertCanInNewsroom(actor, 'addToDictionary');
    const checked = checkDictionaryWord(word);
    if ('error' in checked) throw new ActionError('invalid_input', { word: checked.error });
    const inserted = tx
      .insert(newsroomDictionary)
      .values({ word: checked.word, addedBy: actor.id })
      .onConflictDoNothing()
      .returning({ id: newsroomDictionary.id })
      .all();
    if (inserted.length > 0) {
      bump(tx);
      record(tx, actor, 'dictionary_word_added', checked.word);
    }
    return { word: checked.word, version: houseStyleVersionOf(tx) };
  });
}

export function removeDictionaryWord(actor: Actor, id: number): void {
  transaction((tx) => {
    assertCanInNewsroom(actor, 'manageHouseStyle');
    const row = tx.select().from(newsroomDictionary).where(eq(newsroomDictionary.id, id)).get();
    if (!row) throw new ActionError('not_found', { form: 'هذه الكلمة ليست في القاموس.' });
    tx.delete(newsroomDictionary).where(eq(newsroomDictionary.id, id)).run();
    bump(tx);
    record(tx, actor, 'dictionary_word_removed', row.word);
  });
}

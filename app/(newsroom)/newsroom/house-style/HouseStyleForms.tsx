'use client';

import { useId, useState } from 'react';
import type { FieldErrors } from '@/lib/shared/errors';
import type { RuleKind } from '@/lib/shared/proofreading/matcher';
import { RULE_KIND_LABELS, RULE_KINDS, RULE_MAX_CHARS } from '@/lib/shared/proofreading/rules';
import {
  addRuleAction,
  addWordAction,
  changeRuleAction,
  deleteRuleAction,
  removeWordAction,
} from './actions';
import { errorProps, FieldError, useDeskWrite as useWrite } from '../_desk/forms';

export type RuleView = { id: number; kind: RuleKind; preferred: string; variants: string[]; note: string };

const PREFERRED_LABEL: Record<RuleKind, string> = {
  preferred: 'الكتابة المعتمدة',
  banned: 'التصحيح',
  pattern: 'ما يحل محله',
};
const VARIANTS_LABEL: Record<RuleKind, string> = {
  preferred: 'صيغ أخرى (صيغة في كل سطر)',
  banned: 'الخطأ الشائع (صيغة في كل سطر)',
  pattern: 'النمط (تعبير نمطي على الكلمة)',
};

function RuleFields({ id, rule, errors }: { id: string; rule?: RuleView; errors: FieldErrors }) {
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'preferred');
  return (
    <div className="people-forms">
      <div className="field">
        <label htmlFor={`${id}-kind`}>نوع القاعدة</label>
        <select
          id={`${id}-kind`}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as RuleKind)}
          {...errorProps(`${id}-kind-e`, errors.kind)}
        >
          {RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {RULE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-kind-e`} message={errors.kind} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-preferred`}>{PREFERRED_LABEL[kind]}</label>
        <input
          id={`${id}-preferred`}
          name="preferred"
          type="text"
          defaultValue={rule?.preferred}
          dir={kind === 'pattern' ? 'ltr' : undefined}
          {...errorProps(`${id}-preferred-e`, errors.preferred)}
        />
        <FieldError id={`${id}-preferred-e`} message={errors.preferred} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-variants`}>{VARIANTS_LABEL[kind]}</label>
        <textarea
          id={`${id}-variants`}
          name="variants"
          rows={kind === 'pattern' ? 1 : 3}
          defaultValue={rule?.variants.join('\n')}
          dir={kind === 'pattern' ? 'ltr' : undefined}
          {...errorProps(`${id}-variants-e`, errors.variants)}
        />
        <FieldError id={`${id}-variants-e`} message={errors.variants} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>ملاحظة (اختيارية)</label>
        <input
          id={`${id}-note`}
          name="note"
          type="text"
          defaultValue={rule?.note}
          {...errorProps(`${id}-note-e`, errors.note)}
        />
        <FieldError id={`${id}-note-e`} message={errors.note} />
      </div>
    </div>
  );
}

function ruleOf(form: HTMLFormElement) {
  const data = new FormData(form);
  return {
    kind: String(data.get('kind') ?? '') as RuleKind,
    preferred: String(data.get('preferred') ?? ''),
    variants: String(data.get('variants') ?? ''),
    note: String(data.get('note') ?? ''),
  };
}

export function RuleForm() {
  const id = useId();
  const { pending, errors, run } = useWrite();
  const [formKey, setFormKey] = useState(0);
  return (
    <form
      className="people-card"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () => addRuleAction(ruleOf(event.currentTarget)),
          () => setFormKey((k) => k + 1),
        );
      }}
    >
      <h2 id={`${id}-h`}>إضافة قاعدة</h2>
      <RuleFields key={formKey} id={id} errors={errors} />
      <FieldError id={`${id}-form-e`} message={errors.form} />
      <button type="submit" disabled={pending}>
        إضافة قاعدة
      </button>
      <p className="hint">القاعدة أقصر من {RULE_MAX_CHARS} حرفًا.</p>
    </form>
  );
}

export function RuleCard({ rule }: { rule: RuleView }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const { pending, errors, run } = useWrite();
  if (editing) {
    return (
      <form
        className="people-card"
        aria-label={`تعديل قاعدة ${rule.preferred}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run(
            () => changeRuleAction({ id: rule.id, ...ruleOf(event.currentTarget) }),
            () => setEditing(false),
          );
        }}
      >
        <RuleFields id={id} rule={rule} errors={errors} />
        <FieldError id={`${id}-form-e`} message={errors.form} />
        <button type="submit" disabled={pending}>
          حفظ القاعدة
        </button>{' '}
        <button type="button" onClick={() => setEditing(false)}>
          إلغاء
        </button>
      </form>
    );
  }
  return (
    <article className="people-card house-rule" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} dir={rule.kind === 'pattern' ? 'ltr' : undefined}>
        {rule.kind === 'pattern' ? rule.variants[0] : rule.preferred}
      </h3>
      <p>
        <span className="badge">{RULE_KIND_LABELS[rule.kind]}</span>{' '}
        {rule.kind === 'pattern' ? (
          <>
            ← <bdi>{rule.preferred}</bdi>
          </>
        ) : (
          <>
            {rule.kind === 'preferred' ? 'صيغ أخرى' : 'الخطأ الشائع'}: {rule.variants.join('، ')}
          </>
        )}
      </p>
      {rule.note ? <p className="hint">{rule.note}</p> : null}
      <FieldError id={`${id}-form-e`} message={errors.form} />
      <button type="button" onClick={() => setEditing(true)} aria-label={`تعديل قاعدة ${rule.preferred}`}>
        تعديل
      </button>{' '}
      <button
        type="button"
        disabled={pending}
        aria-label={`حذف قاعدة ${rule.preferred}`}
        onClick={() => {
          if (window.confirm(`حذف قاعدة «${rule.preferred}»؟`)) run(() => deleteRuleAction({ id: rule.id }));
        }}
      >
        حذف
      </button>
    </article>
  );
}

export function DictionaryWords({ words }: { words: { id: number; word: string }[] }) {
  const id = useId();
  const { pending, errors, run } = useWrite();
  return (
    <section aria-labelledby={`${id}-h`} className="people-card">
      <h2 id={`${id}-h`}>قاموس غرفة الأخبار ({words.length})</h2>
      <p className="hint">
        كلمات يقبلها التدقيق الإملائي لكل المحررين (أضف إلى القاموس من المحرر أو من هنا).
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const word = String(new FormData(form).get('word') ?? '');
          run(
            () => addWordAction({ word }),
            () => form.reset(),
          );
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-word`}>كلمة</label>
          <input id={`${id}-word`} name="word" type="text" {...errorProps(`${id}-word-e`, errors.word)} />
          <FieldError id={`${id}-word-e`} message={errors.word || errors.form} />
        </div>
        <button type="submit" disabled={pending}>
          أضف إلى القاموس
        </button>
      </form>
      {words.length > 0 ? (
        <ul className="dictionary-words">
          {words.map((w) => (
            <li key={w.id}>
              {w.word}{' '}
              <button
                type="button"
                disabled={pending}
                aria-label={`حذف ${w.word} من القاموس`}
                onClick={() => run(() => removeWordAction({ id: w.id }))}
              >
                حذف
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

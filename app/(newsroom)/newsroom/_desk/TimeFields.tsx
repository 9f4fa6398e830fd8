'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type Ref } from 'react';
import {
  DATE_FORMAT_HINT,
  TIME_FORMAT_HINT,
  dayValueOfText,
  fieldsOfMinute,
  minuteOfFields,
  textOfDay,
} from '@/lib/shared/date-fields';
import { FieldError } from './forms';
import './time-fields.css';

// The desk's date and time fields: text typed as day/month/year and a 24-hour time, labelled and
// explained in Arabic, instead of <input type="date|datetime-local">, which Chromium draws in the
// browser's locale whatever the page's lang («mm/dd/yyyy», «AM»). The pattern of GOV.UK's date
// input: separate labelled parts in a fieldset named by its legend. A form reads the value from a
// hidden input under `name` ('YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM', the newsroom's clock), a
// controlled caller from onChange; what does not parse is sent as typed, refused by the server
// with its Arabic message, shown here under the fields.

type Common = {
  id: string;
  // The form field the value is read from (FormData); none for a controlled field.
  name?: string;
  label: string;
  error?: string;
  // Something the fields share beside their format (the newsroom's time zone…).
  describedBy?: string;
};

// A minute: التاريخ and الساعة.
export function MinuteFields({
  id,
  name,
  label,
  value,
  defaultValue = '',
  onChange,
  error,
  describedBy,
}: Common & { value?: string; defaultValue?: string; onChange?: (value: string) => void }) {
  const initial = fieldsOfMinute(value ?? defaultValue);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const composed = minuteOfFields(date, time);
  // A controlled value set from outside (the page's data after a refresh) shows in the fields.
  const [shown, setShown] = useState(value);
  if (value !== undefined && value !== shown) {
    setShown(value);
    if (value !== composed) {
      const parts = fieldsOfMinute(value);
      setDate(parts.date);
      setTime(parts.time);
    }
  }
  const hidden = useResetWith(() => {
    const parts = fieldsOfMinute(defaultValue);
    setDate(parts.date);
    setTime(parts.time);
  });
  const change = (nextDate: string, nextTime: string) => {
    setDate(nextDate);
    setTime(nextTime);
    onChange?.(minuteOfFields(nextDate, nextTime));
  };
  const part = { errorId: error ? `${id}-e` : undefined, describedBy };
  return (
    <fieldset className="time-fields field" aria-invalid={error ? true : undefined}>
      <legend>{label}</legend>
      <div className="time-fields-parts">
        <div>
          <TypedPart
            {...part}
            id={id}
            label="التاريخ"
            hint={DATE_FORMAT_HINT}
            size={10}
            value={date}
            onChange={(text) => change(text, time)}
          />
        </div>
        <div>
          <TypedPart
            {...part}
            id={`${id}-time`}
            label="الساعة"
            hint={TIME_FORMAT_HINT}
            size={5}
            value={time}
            onChange={(text) => change(date, text)}
          />
        </div>
      </div>
      {name ? <input ref={hidden} type="hidden" name={name} value={composed} /> : null}
      <FieldError id={`${id}-e`} message={error} />
    </fieldset>
  );
}

// A day: one field, day/month/year.
export function DayField({
  id,
  name,
  label,
  defaultValue = '',
  error,
  describedBy,
}: Common & { defaultValue?: string }) {
  const [text, setText] = useState(textOfDay(defaultValue));
  const field = useResetWith(() => setText(textOfDay(defaultValue)));
  // Until the page's scripts run (or without them: كل المقالات's filter is a plain GET form), the
  // text field itself is sent as typed and the server reads day/month/year (dayOfText); once they
  // run, the hidden field sends the day as 'YYYY-MM-DD', what the plan's actions take.
  const scripted = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  return (
    <div className="field">
      <TypedPart
        ref={field}
        id={id}
        name={scripted ? undefined : name}
        label={label}
        hint={DATE_FORMAT_HINT}
        size={10}
        value={text}
        errorId={error ? `${id}-e` : undefined}
        describedBy={describedBy}
        onChange={setText}
      />
      {name && scripted ? <input type="hidden" name={name} value={dayValueOfText(text)} /> : null}
      <FieldError id={`${id}-e`} message={error} />
    </div>
  );
}

const neverChanges = () => () => {};

// One typed part (a day, or a time of day): its label, its text field and its format under it,
// the field described by the format, by the refusal (`errorId`, when there is one) and by what
// the caller adds.
function TypedPart({
  ref,
  id,
  name,
  label,
  hint,
  size,
  value,
  errorId,
  describedBy,
  onChange,
}: {
  ref?: Ref<HTMLInputElement>;
  id: string;
  name?: string;
  label: string;
  hint: string;
  size: number;
  value: string;
  errorId?: string;
  describedBy?: string;
  onChange: (text: string) => void;
}) {
  const hintId = `${id}-hint`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        dir="ltr"
        autoComplete="off"
        size={size}
        value={value}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId, describedBy].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={hintId} className="time-fields-hint">
        {hint}
      </p>
    </>
  );
}

// A form's reset (after a story is added) empties typed fields; these keep their text in state,
// so they listen for it on the form of the input given the returned ref.
function useResetWith(reset: () => void) {
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef(reset);
  useEffect(() => {
    latest.current = reset;
  });
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const onReset = () => latest.current();
    form.addEventListener('reset', onReset);
    return () => form.removeEventListener('reset', onReset);
  }, []);
  return ref;
}

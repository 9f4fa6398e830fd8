'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult, FieldErrors } from '@/lib/shared/errors';

// What the desk's admin forms share (people, integrations, house style, the plan): one write at a
// time, a refusal shown next to its field (or above the form) changing nothing, the page's data
// refreshed on success.
export function useDeskWrite() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const run = <T,>(
    write: () => Promise<ActionResult<T>>,
    onDone?: (data: T) => void,
    onRefused?: () => void,
  ) =>
    startTransition(async () => {
      const result = await write();
      if (result.ok) {
        setErrors({});
        onDone?.(result.data);
        router.refresh();
      } else {
        onRefused?.();
        setErrors({
          ...result.fieldErrors,
          form: result.fieldErrors?.form ?? (result.fieldErrors ? '' : result.message),
        });
      }
    });
  return { pending, errors, run };
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

// A field with a refusal: marked invalid and described by its message.
export function errorProps(id: string, message?: string) {
  return message ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};
}

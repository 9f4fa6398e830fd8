'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { restoreRevisionAction } from './actions';

// استعادة: writes a new revision with this one's content, then opens the editor on it.
// `revisionNumber`: its number within the article, which the editor's notice names.
export function RestoreButton({
  articleId,
  revisionId,
  revisionNumber,
}: {
  articleId: number;
  revisionId: number;
  revisionNumber: number;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const errorId = `restore-error-${revisionId}`;
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        aria-describedby={error ? errorId : undefined}
        onClick={() =>
          startTransition(async () => {
            const result = await restoreRevisionAction({ articleId, revisionId });
            if (result.ok) router.push(`/newsroom/articles/${articleId}?restored=${revisionNumber}`);
            else setError(result.fieldErrors?.restore ?? result.message);
          })
        }
      >
        استعادة
      </button>
      {error ? (
        <span id={errorId} role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}

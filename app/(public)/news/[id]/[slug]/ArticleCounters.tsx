'use client';

import { useEffect, useState } from 'react';
import type { ArticleCounts } from '@/db/queries/stats';

// Counts a view with a beacon once the page has loaded, then shows the counts from a small JSON
// route, so that the article page itself stays a cached, static page.
export function ArticleCounters({ articleId, digits }: { articleId: number; digits: 'latn' | 'arab' }) {
  const [counts, setCounts] = useState<ArticleCounts | null>(null);

  useEffect(() => {
    navigator.sendBeacon(`/api/views/${articleId}`);
    const controller = new AbortController();
    fetch(`/api/stats/${articleId}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<ArticleCounts>) : null))
      .then((data) => data && setCounts(data))
      .catch(() => undefined);
    return () => controller.abort();
  }, [articleId]);

  const format = new Intl.NumberFormat(`ar-u-nu-${digits}`).format;
  return (
    <p className="counters muted" aria-live="polite">
      <span>
        مشاهدات: <data value={counts?.views ?? ''}>{counts ? format(counts.views) : '…'}</data>
      </span>
      <span>
        مشاركات: <data value={counts?.shares ?? ''}>{counts ? format(counts.shares) : '…'}</data>
      </span>
    </p>
  );
}

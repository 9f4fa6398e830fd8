'use client';

import { useState } from 'react';

// Plain share links (no third-party scripts); using one sends a beacon that counts the share.
export function ShareLinks({ articleId, url, title }: { articleId: number; url: string; title: string }) {
  const [copied, setCopied] = useState(false);
  const count = () => navigator.sendBeacon(`/api/shares/${articleId}`);
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const links = [
    { name: 'واتساب', href: `https://wa.me/?text=${t}%20${u}` },
    { name: 'تيليجرام', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { name: 'إكس', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'فيسبوك', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'البريد الإلكتروني', href: `mailto:?subject=${t}&body=${u}` },
  ];

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      count();
    } catch {
      setCopied(false);
    }
  }

  return (
    <section aria-labelledby="share-heading" className="share">
      <h2 id="share-heading">مشاركة</h2>
      <ul>
        <li>
          <button type="button" onClick={copyLink}>
            نسخ الرابط
          </button>
          <span role="status" className="muted">
            {copied ? 'تم نسخ الرابط' : ''}
          </span>
        </li>
        {links.map((link) => (
          <li key={link.name}>
            <a href={link.href} target="_blank" rel="noopener noreferrer nofollow" onClick={count}>
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth';
import { safeNextPath } from '@/lib/shared/urls';
import { SignInForm } from './SignInForm';

export const metadata = { title: 'تسجيل الدخول' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only a path on this site, never another host ("//evil.example", "/\\evil.example").
  const target = safeNextPath(next);
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="container" style={{ maxInlineSize: '28rem' }}>
      <h1>تسجيل الدخول</h1>
      <p className="muted">غرفة الأخبار للصحفيين والمحررين.</p>
      <SignInForm next={target} />
    </main>
  );
}

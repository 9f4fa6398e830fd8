import { requireUser } from '@/lib/auth';
import { ChangePasswordForm } from './ChangePasswordForm';

export const metadata = { title: 'تغيير كلمة المرور', robots: { index: false } };

// Where the newsroom sends a member whose password an admin chose (new member, reset).
export default async function ChangePasswordPage() {
  const user = await requireUser();
  return (
    <main className="container" style={{ maxInlineSize: '28rem' }}>
      <h1>تغيير كلمة المرور</h1>
      <p className="muted">
        {user.mustChangePassword
          ? 'اختار المدير كلمة المرور التي دخلت بها؛ اختر كلمة مرور خاصة بك قبل المتابعة.'
          : 'اختر كلمة مرور جديدة لحسابك.'}
      </p>
      <ChangePasswordForm />
    </main>
  );
}

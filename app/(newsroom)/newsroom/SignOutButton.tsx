'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { STAFF_HINT_COOKIE } from '@/lib/staff-edit-link';

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={async () => {
        await signOut({ redirect: false });
        document.cookie = `${STAFF_HINT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
        router.replace('/signin');
        router.refresh();
      }}
    >
      تسجيل الخروج
    </button>
  );
}

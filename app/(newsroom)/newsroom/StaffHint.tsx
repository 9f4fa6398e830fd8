'use client';

import { useEffect } from 'react';
import { STAFF_HINT_COOKIE } from '@/lib/staff-edit-link';

// Marks this browser as one that has been in the newsroom, so reader pages ask whether to show
// تحرير المقال (lib/staff-edit-link.ts). Not a credential; cleared on sign-out.
export function StaffHint() {
  useEffect(() => {
    document.cookie = `${STAFF_HINT_COOKIE}=1; Path=/; Max-Age=43200; SameSite=Lax`;
  }, []);
  return null;
}

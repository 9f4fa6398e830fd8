import { notFound } from 'next/navigation';
import { listMembers } from '@/lib/newsroom/people';
import { requireUser } from '@/lib/auth';
import { formatArabicTime } from '@/lib/shared/arabic';
import { canInNewsroom } from '@/lib/shared/permissions';
import { newsroomSettings } from '@/lib/shared/settings';
import { AddMemberForm, MemberCard } from './PeopleForms';
import '../_desk/desk.css';

export const metadata = { title: 'الفريق' };

// الفريق: admins alone. Anyone else meets a 404, as for any address that is not theirs.
export default async function PeoplePage() {
  const user = await requireUser();
  if (!canInNewsroom(user, 'manageUsers')) notFound();
  const members = listMembers(user);
  return (
    <>
      <h1>الفريق</h1>
      <AddMemberForm />
      <h2>الأعضاء ({members.length})</h2>
      {members.map((member) => (
        <MemberCard
          key={member.id}
          member={{
            id: member.id,
            name: member.name,
            email: member.email,
            role: member.role,
            disabled: member.disabled,
            mustChangePassword: member.mustChangePassword,
            locked: member.lockedUntil ? formatArabicTime(member.lockedUntil, newsroomSettings.dates) : null,
            failedAttempts: member.failedAttempts,
            lastFailed: member.lastFailedAt
              ? formatArabicTime(member.lastFailedAt, newsroomSettings.dates)
              : null,
            self: member.id === user.id,
          }}
        />
      ))}
    </>
  );
}

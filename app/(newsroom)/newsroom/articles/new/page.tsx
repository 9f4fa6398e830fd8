import { requireUser } from '@/lib/auth';
import { CreateDraft } from './CreateDraft';

export const metadata = { title: 'مقال جديد' };

export default async function NewArticlePage() {
  await requireUser();
  return <CreateDraft />;
}

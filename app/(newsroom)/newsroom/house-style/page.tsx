import { notFound } from 'next/navigation';
import { listHouseStyle } from '@/lib/newsroom/house-style';
import { requireUser } from '@/lib/auth';
import { canInNewsroom } from '@/lib/shared/permissions';
import { DictionaryWords, RuleCard, RuleForm } from './HouseStyleForms';
import '../_desk/desk.css';
import './house-style.css';

export const metadata = { title: 'قواعد أسلوب التحرير' };

// قواعد أسلوب التحرير: editors and admins; anyone else meets a 404, as for any address not theirs.
export default async function HouseStylePage() {
  const user = await requireUser();
  if (!canInNewsroom(user, 'manageHouseStyle')) notFound();
  const { rules, words } = listHouseStyle(user);
  return (
    <>
      <h1>قواعد أسلوب التحرير</h1>
      <p>
        الكتابة المعتمدة في غرفة الأخبار: تظهر كل صيغة أخرى تحتها خط في المحرر مع تصحيحها، بالسوابق (و، ف، ب،
        ل، ك، ال) وبلا همزات أو تشكيل. تصل كل قاعدة جديدة إلى المحررين المفتوحين خلال دقيقة.
      </p>
      <RuleForm />
      <h2>القواعد ({rules.length})</h2>
      <ul className="house-rules">
        {rules.map((rule) => (
          <li key={rule.id}>
            <RuleCard rule={{ ...rule, variants: [...rule.variants], note: rule.note ?? '' }} />
          </li>
        ))}
      </ul>
      <DictionaryWords words={words.map((w) => ({ id: w.id, word: w.word }))} />
    </>
  );
}

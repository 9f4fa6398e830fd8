// Fills a demo database with what a front page needs to look like one: a dozen published articles
// across the sections, with lead images, and one article whose body holds a 1600 px photo, a
// quotation and a list (the page that must stay inside its column). For the benchmarks, Lighthouse
// and screenshots; never part of the app. Prints the id of the article with the body image.
//
// Usage: DATABASE_PATH=… MEDIA_DIR=… npx tsx --conditions=react-server bench/seed-front-page.ts
import type { JSONContent } from '@tiptap/core';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { createDraft } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { articleStats, articleViewHours, sections, users } from '@/db/schema';
import { ARTICLE_TEXT_DIRECTION } from '@/lib/document/extensions';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { uploadMedia } from '@/lib/newsroom/uploads';
import { mediaSrc, mediaSrcSet } from '@/lib/shared/media-urls';

const COLORS = ['#2a6f97', '#8d5524', '#386641', '#6a4c93', '#bc4749', '#33415c', '#b08968', '#1d3557'];

async function photo(width: number, height: number, color: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#f1faee"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.4}" r="${height * 0.22}" fill="#ffffff" fill-opacity="0.35"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

const editor = db.select().from(users).where(eq(users.email, 'editor@newsroom.test')).get();
if (!editor) throw new Error('run db:setup with the demo accounts first');
const allSections = db.select().from(sections).all();

const STORIES = [
  [
    'قمة إقليمية في طشقند تبحث أمن الحدود والتجارة',
    'قادة المنطقة يتفقون على خطة عمل مشتركة للسنوات الثلاث المقبلة',
  ],
  ['البنك المركزي يبقي سعر الفائدة دون تغيير', 'قرار متوقع وسط تباطؤ التضخم للشهر الرابع'],
  ['افتتاح أكبر محطة للطاقة الشمسية في آسيا الوسطى', ''],
  ['المنتخب الوطني يتأهل إلى نهائيات كأس آسيا', 'فوز مستحق في المباراة الأخيرة من التصفيات'],
  ['معرض الكتاب يستقبل زواره بمشاركة خمسين دار نشر', 'أجنحة للأطفال وندوات عن الترجمة'],
  ['وزير الخارجية يلتقي نظيره لبحث العلاقات الثنائية', ''],
  ['أسعار القطن ترتفع مع بداية موسم الحصاد', 'المزارعون يتوقعون محصولاً أكبر من العام الماضي'],
  ['ترميم المدينة القديمة في بخارى يدخل مرحلته الأخيرة', 'خبراء يصفون المشروع بأنه الأهم منذ عقود'],
  ['مهرجان الموسيقى التقليدية يعود بعد غياب خمس سنوات', ''],
  ['خط قطار سريع جديد يربط سمرقند بالعاصمة', 'الرحلة تستغرق ساعتين بدلاً من أربع'],
  ['انطلاق موسم السياحة الشتوية في جبال تشيمغان', ''],
  ['جامعة طشقند تطلق برنامجاً للذكاء الاصطناعي', 'ألف طالب في الدفعة الأولى'],
] as const;

function doc(content: JSONContent[]): JSONContent {
  return { type: 'doc', content };
}
const paragraph = (text: string): JSONContent => ({
  type: 'paragraph',
  attrs: { dir: ARTICLE_TEXT_DIRECTION },
  content: [{ type: 'text', text }],
});

async function publishStory(
  headline: string,
  deck: string,
  index: number,
  body: JSONContent,
  lead: boolean,
): Promise<number> {
  const draft = createDraft(editor!);
  const image = lead
    ? await uploadMedia(
        editor!,
        await photo(1600, 900, COLORS[index % COLORS.length]!),
        `lead-${index}.jpg`,
        {
          alt: `صورة: ${headline}`,
          caption: '',
          credit: '',
        },
      )
    : null;
  const changes = {
    headline,
    deck,
    dateline: 'طشقند',
    sectionId: allSections[index % allSections.length]?.id ?? null,
    tags: ['آسيا الوسطى'],
    leadImage: image
      ? { mediaId: image.id, alt: image.alt, caption: 'من الموقع', credit: 'تصوير: الوكالة' }
      : null,
    body: JSON.stringify(body),
  };
  saveArticle(editor!, parseArticleSave({ articleId: draft.id, baseVersion: draft.version, changes }));
  submitForReview(editor!, draft.id);
  approveArticle(editor!, draft.id);
  publishArticle(editor!, draft.id, new Date(Date.now() - (STORIES.length - index) * 3_600_000));
  return draft.id;
}

const opening =
  'أعلنت الحكومة اليوم عن خطة جديدة تشمل عدداً من المشاريع في قطاعات النقل والطاقة والتعليم، على أن يبدأ تنفيذها مطلع العام المقبل.';
for (const [i, [headline, deck]] of STORIES.entries()) {
  const id = await publishStory(
    headline,
    deck,
    i,
    doc([paragraph(opening), paragraph('وقال مسؤولون إن التمويل مؤمّن بالكامل.')]),
    i % 4 !== 2,
  );
  // Some readers already, so that الأكثر قراءة has something to rank.
  if (i % 2 === 0) {
    const views = 40 + ((i * 37) % 200);
    db.insert(articleStats).values({ articleId: id, views }).run();
    db.insert(articleViewHours)
      .values({ articleId: id, hour: Math.floor(Date.now() / 3_600_000), views })
      .run();
  }
}

// The article with a 1600 px photo in its body, a quotation and a list.
const body = await uploadMedia(editor, await photo(1600, 1067, '#264653'), 'body.jpg', {
  alt: 'ساحة الاستقلال في طشقند',
  caption: '',
  credit: '',
});
const withImage = await publishStory(
  'صور من طشقند: المدينة تستعد لاستقبال ضيوف القمة',
  'شوارع العاصمة تتزين بالأعلام واللافتات',
  0,
  doc([
    paragraph(opening),
    {
      type: 'image',
      attrs: {
        src: mediaSrc(body.variants),
        srcset: mediaSrcSet(body.variants),
        sizes: '(min-width: 46rem) 46rem, 100vw',
        alt: body.alt,
        width: 1600,
        height: 1067,
        caption: 'ساحة الاستقلال صباح اليوم',
        credit: 'تصوير: ليلى',
      },
    },
    {
      type: 'blockquote',
      content: [
        paragraph(
          '«نريد أن تكون هذه القمة بداية مرحلة جديدة من التعاون في المنطقة كلها»، قال المتحدث باسم الوزارة.',
        ),
      ],
    },
    {
      type: 'bulletList',
      content: ['تعزيز التجارة عبر الحدود', 'مشاريع مشتركة في الطاقة', 'تسهيل تنقل الطلاب'].map((text) => ({
        type: 'listItem',
        content: [paragraph(text)],
      })),
    },
    paragraph('ويُنتظر أن يصدر بيان ختامي مساء الغد.'),
  ]),
  true,
);
console.log(withImage);

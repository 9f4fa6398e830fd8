// The readers' Arabic search cases, shared by the SQLite tests (reader.test.ts) and the
// PostgreSQL parity test (postgres-search.test.ts), so both stores answer the same questions.

// The cotton article (RECALL_ARTICLE) must be found by each of these spellings: definite article,
// attached prefixes, hamza and alef forms, taa marbuta, shadda, Arabic-Indic and Western digits.
export const RECALL_ARTICLE = {
  headline: 'أوزبكستان تُصدِّر القطن إلى الصين',
  paragraphs: [
    'قالت وزارة الاقتصاد إن صادرات القطن بلغت ٣٥٠ ألف طن في عام ٢٠٢٤، وإنّ المنظّمة ستراجع الأسعار.',
  ],
  tags: ['تجارة', 'القطن'],
};
export const RECALL_QUERIES = [
  'القطن',
  'قطن',
  'والقطن',
  'بالقطن',
  'اوزبكستان',
  'الي الصين',
  'المنظمه',
  'منظّمة',
  'صادرات 2024',
  '350',
  'وزاره',
];

// What a reader may type that is not a search: nothing found, nothing thrown.
export const HOSTILE_QUERIES = [
  '',
  '   ',
  '"',
  '""',
  'القطن"',
  'NEAR(قطن صين)',
  'قطن OR',
  '*',
  'headline:قطن',
  '^قطن',
  'x'.repeat(10_000),
  '\u0000',
];

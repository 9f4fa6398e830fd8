import sharp from 'sharp';

// The demo newsroom's pictures, drawn here because nothing can be downloaded at setup: flat
// illustrations (shapes on a gradient, as SVG) rendered to JPEG by sharp, then uploaded through
// the same processing as a photographer's file. They hold no text, so no font is needed, and
// their captions and credits say they are illustrations, not photographs.

export type Motif =
  | 'conference'
  | 'corridor'
  | 'glacier'
  | 'river'
  | 'metro'
  | 'rain'
  | 'trees'
  | 'classroom'
  | 'hospital'
  | 'chart'
  | 'solar'
  | 'apricots'
  | 'network'
  | 'pitch'
  | 'medals'
  | 'track'
  | 'music'
  | 'book'
  | 'suzani';

export type PictureSpec = { motif: Motif; sky: readonly [string, string]; accent: string };

// Drawn at 1600 × 900 and handed over at 1280 × 720: four web sizes to make instead of five keeps
// the seed fast, and 1280 is wider than any place the reader pages show a picture at.
export const PICTURE_WIDTH = 1280;
export const PICTURE_HEIGHT = 720;
const W = 1600;
const H = 900;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

// A deterministic sequence, so that the same spec always draws the same picture (and the demo day
// the same figures: lib/demo/day.ts draws its views and times from it too).
export function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

const seedOf = (text: string) =>
  [...text].reduce((h, c) => Math.imul(h ^ c.codePointAt(0)!, 16777619), 2166136261);

function ground(color: string, y = H * 0.72) {
  return `<rect x="0" y="${y}" width="${W}" height="${H - y}" fill="${color}"/>`;
}

function skyline(color: string, base: number, r: () => number) {
  let x = 0;
  let out = '';
  while (x < W) {
    const w = 60 + r() * 120;
    const h = 80 + r() * 220;
    out += `<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="${color}"/>`;
    if (r() > 0.7) out += `<circle cx="${x + w / 2}" cy="${base - h}" r="${w / 2.2}" fill="${color}"/>`;
    x += w + 4;
  }
  return out;
}

const DRAW: Record<Motif, (s: PictureSpec, r: () => number) => string> = {
  conference: (s) =>
    `${range(7)
      .map((i) => {
        const x = 260 + i * 180;
        return `<line x1="${x}" y1="180" x2="${x}" y2="520" stroke="#ddd" stroke-width="6"/>
          <rect x="${x}" y="185" width="110" height="70" fill="${i % 2 ? s.accent : '#f1faee'}" opacity="0.9"/>`;
      })
      .join('')}
    <rect x="160" y="520" width="1280" height="60" rx="8" fill="#3d2b1f"/>
    <rect x="160" y="580" width="1280" height="200" fill="#5a4030"/>
    ${range(9)
      .map(
        (i) => `<circle cx="${250 + i * 140}" cy="480" r="34" fill="#1d2d44"/>
        <rect x="${214 + i * 140}" y="505" width="72" height="40" rx="10" fill="#1d2d44"/>`,
      )
      .join('')}`,
  corridor: (s) =>
    `<circle cx="800" cy="470" r="330" fill="#1d3557" opacity="0.85"/>
    ${range(7)
      .map(
        (i) =>
          `<ellipse cx="800" cy="470" rx="${330 * Math.cos((i * Math.PI) / 14)}" ry="330" fill="none" stroke="#a8dadc" stroke-width="3" opacity="0.7"/>`,
      )
      .join('')}
    ${range(5)
      .map(
        (i) =>
          `<line x1="470" y1="${470 - 330 + i * 132}" x2="1130" y2="${470 - 330 + i * 132}" stroke="#a8dadc" stroke-width="3" opacity="0.5"/>`,
      )
      .join('')}
    <path d="M520 520 Q800 180 1090 430" fill="none" stroke="${s.accent}" stroke-width="14" stroke-dasharray="30 18" stroke-linecap="round"/>
    <circle cx="520" cy="520" r="22" fill="${s.accent}"/><circle cx="1090" cy="430" r="22" fill="${s.accent}"/>`,
  glacier: (s, r) =>
    `${range(6)
      .map((i) => {
        const x = i * 300 - 100 + r() * 60;
        const h = 380 + r() * 200;
        return `<polygon points="${x},780 ${x + 260},${780 - h} ${x + 520},780" fill="#495867"/>
          <polygon points="${x + 190},${780 - h * 0.73} ${x + 260},${780 - h} ${x + 330},${780 - h * 0.73} ${x + 290},${780 - h * 0.65} ${x + 240},${780 - h * 0.7}" fill="#f7f7ff"/>`;
      })
      .join('')}
    ${ground(s.accent, 760)}
    ${range(14)
      .map(
        () =>
          `<circle cx="${r() * W}" cy="${790 + r() * 90}" r="${6 + r() * 12}" fill="#bde0fe" opacity="0.6"/>`,
      )
      .join('')}`,
  river: (s) =>
    `${ground('#e9c46a', 420)}
    <path d="M0 620 C300 520 500 760 800 640 S1300 480 1600 600 L1600 700 C1300 580 1100 760 800 740 S300 640 0 720 Z" fill="${s.accent}"/>
    ${range(8)
      .map((i) => `<circle cx="${120 + i * 200}" cy="${470 + (i % 3) * 20}" r="26" fill="#6a994e"/>`)
      .join('')}`,
  metro: (s) =>
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#1b263b" opacity="0.55"/>
    <path d="M300 900 L300 380 Q800 40 1300 380 L1300 900 Z" fill="#0d1b2a"/>
    ${range(9)
      .map(
        (i) =>
          `<circle cx="${360 + i * 110}" cy="${330 - Math.sin((i / 8) * Math.PI) * 190}" r="10" fill="#ffe66d"/>`,
      )
      .join('')}
    <rect x="560" y="400" width="480" height="420" rx="60" fill="${s.accent}"/>
    <rect x="610" y="450" width="380" height="150" rx="24" fill="#caf0f8"/>
    <circle cx="640" cy="720" r="26" fill="#fff3b0"/><circle cx="960" cy="720" r="26" fill="#fff3b0"/>
    <polygon points="500,900 760,820 840,820 1100,900" fill="#778da9"/>`,
  rain: (s, r) =>
    `${range(5)
      .map(
        (i) =>
          `<polygon points="${i * 380 - 120},760 ${i * 380 + 160},${330 + (i % 2) * 90} ${i * 380 + 460},760" fill="${i % 2 ? '#52796f' : '#354f52'}"/>`,
      )
      .join('')}
    ${ground('#6b705c', 740)}
    <path d="M200 900 Q700 700 1000 760 T1600 720" fill="none" stroke="#cad2c5" stroke-width="26"/>
    ${range(5)
      .map(
        (i) => `<ellipse cx="${180 + i * 330}" cy="${110 + (i % 2) * 50}" rx="230" ry="90" fill="#adb5bd"/>`,
      )
      .join('')}
    ${range(140)
      .map(() => {
        const x = r() * W;
        const y = 160 + r() * 620;
        return `<line x1="${x}" y1="${y}" x2="${x - 14}" y2="${y + 46}" stroke="${s.accent}" stroke-width="3" opacity="0.7"/>`;
      })
      .join('')}`,
  trees: (s, r) =>
    `${skyline('#8d99ae', 640, r)}
    ${ground('#a7c957', 640)}
    ${range(11)
      .map((i) => {
        const x = 70 + i * 148;
        const y = 660 + (i % 2) * 60;
        return `<rect x="${x - 8}" y="${y}" width="16" height="90" fill="#6f4e37"/>
          <circle cx="${x}" cy="${y - 30}" r="${50 + r() * 20}" fill="${i % 3 ? s.accent : '#386641'}"/>`;
      })
      .join('')}`,
  classroom: (s) =>
    `<rect x="180" y="110" width="1240" height="420" rx="12" fill="#2b4536"/>
    ${range(6)
      .map(
        (i) =>
          `<rect x="${240 + (i % 2) * 80}" y="${170 + i * 55}" width="${300 + ((i * 137) % 500)}" height="22" rx="11" fill="${i % 3 ? '#e9f5db' : s.accent}" opacity="0.85"/>`,
      )
      .join('')}
    ${ground('#d4a373', 620)}
    ${range(5)
      .map(
        (i) => `<rect x="${160 + i * 270}" y="660" width="200" height="120" rx="8" fill="#3a3a3a"/>
        <rect x="${172 + i * 270}" y="672" width="176" height="96" fill="${s.accent}" opacity="0.8"/>
        <circle cx="${260 + i * 270}" cy="600" r="40" fill="#3d405b"/>`,
      )
      .join('')}`,
  hospital: (s, r) =>
    `${skyline('#c9d6df', 700, r)}
    <rect x="420" y="220" width="760" height="520" fill="#f8f9fa"/>
    ${range(4)
      .flatMap((row) =>
        range(7).map(
          (col) =>
            `<rect x="${460 + col * 100}" y="${300 + row * 100}" width="60" height="60" fill="#a2d2ff"/>`,
        ),
      )
      .join('')}
    <rect x="750" y="120" width="100" height="260" fill="${s.accent}"/>
    <rect x="670" y="200" width="260" height="100" fill="${s.accent}"/>
    <rect x="730" y="640" width="140" height="100" fill="#495057"/>
    ${ground('#adb5bd', 740)}`,
  chart: (s) =>
    `${range(6)
      .map(
        (i) =>
          `<line x1="160" y1="${160 + i * 120}" x2="1440" y2="${160 + i * 120}" stroke="#ffffff" stroke-opacity="0.25" stroke-width="2"/>`,
      )
      .join('')}
    ${range(10)
      .map((i) => {
        const h = 140 + ((i * 53) % 220) + i * 28;
        return `<rect x="${200 + i * 122}" y="${760 - h}" width="80" height="${h}" rx="6" fill="#f1faee" opacity="0.85"/>`;
      })
      .join('')}
    <polyline points="${range(10)
      .map((i) => `${240 + i * 122},${560 - i * 38 + (i % 3) * 30}`)
      .join(' ')}" fill="none" stroke="${s.accent}" stroke-width="12" stroke-linejoin="round"/>
    <circle cx="1338" cy="218" r="20" fill="${s.accent}"/>`,
  solar: (s) =>
    `<circle cx="1260" cy="190" r="110" fill="${s.accent}"/>
    ${ground('#e9c46a', 470)}
    ${range(4)
      .flatMap((row) =>
        range(8).map((col) => {
          const x = 60 + col * 200 - row * 30;
          const y = 500 + row * 100;
          return `<polygon points="${x},${y + 70} ${x + 40},${y} ${x + 210},${y} ${x + 170},${y + 70}" fill="#1d3557" stroke="#a8dadc" stroke-width="3"/>`;
        }),
      )
      .join('')}`,
  apricots: (s, r) =>
    `<rect x="0" y="520" width="${W}" height="${H - 520}" fill="#8c5a3c"/>
    ${range(3)
      .map(
        (i) =>
          `<rect x="${120 + i * 480}" y="420" width="420" height="380" rx="12" fill="#bc8a5f" stroke="#6f4518" stroke-width="8"/>`,
      )
      .join('')}
    ${range(3)
      .flatMap((i) =>
        range(22).map(
          () =>
            `<circle cx="${150 + i * 480 + r() * 360}" cy="${390 + r() * 90}" r="${28 + r() * 10}" fill="${r() > 0.3 ? s.accent : '#e76f51'}"/>`,
        ),
      )
      .join('')}`,
  network: (s, r) => {
    const nodes = range(18).map(() => [160 + r() * 1280, 140 + r() * 620] as const);
    return `${nodes
      .flatMap(([x, y], i) =>
        nodes
          .slice(i + 1)
          .filter(([x2, y2]) => Math.hypot(x - x2, y - y2) < 420)
          .map(
            ([x2, y2]) =>
              `<line x1="${x}" y1="${y}" x2="${x2}" y2="${y2}" stroke="#f1faee" stroke-opacity="0.45" stroke-width="3"/>`,
          ),
      )
      .join('')}
      ${nodes.map(([x, y], i) => `<circle cx="${x}" cy="${y}" r="${i % 4 ? 16 : 32}" fill="${i % 4 ? '#f1faee' : s.accent}"/>`).join('')}`;
  },
  pitch: (s) =>
    `<rect x="0" y="300" width="${W}" height="${H - 300}" fill="#2d6a4f"/>
    ${range(8)
      .map((i) => `<rect x="${i * 200}" y="300" width="100" height="${H - 300}" fill="#40916c"/>`)
      .join('')}
    <ellipse cx="800" cy="600" rx="240" ry="110" fill="none" stroke="#f8f9fa" stroke-width="8"/>
    <line x1="0" y1="600" x2="${W}" y2="600" stroke="#f8f9fa" stroke-width="8"/>
    <rect x="0" y="0" width="${W}" height="300" fill="#1b263b" opacity="0.6"/>
    ${range(30)
      .map(
        (i) =>
          `<circle cx="${30 + i * 53}" cy="${230 + (i % 3) * 18}" r="16" fill="${i % 2 ? s.accent : '#f8f9fa'}" opacity="0.8"/>`,
      )
      .join('')}
    <circle cx="1040" cy="700" r="38" fill="#ffffff"/>
    <polygon points="1040,678 1058,692 1052,714 1028,714 1022,692" fill="#212529"/>`,
  medals: (s) =>
    `${ground('#e5e5e5', 640)}
    <rect x="300" y="560" width="340" height="240" fill="#adb5bd"/>
    <rect x="640" y="460" width="340" height="340" fill="#dee2e6"/>
    <rect x="980" y="620" width="340" height="180" fill="#ced4da"/>
    ${(
      [
        [810, 250, '#ffd166'],
        [470, 350, '#c0c0c0'],
        [1150, 410, '#cd7f32'],
      ] as const
    )
      .map(
        ([
          x,
          y,
          c,
        ]) => `<polygon points="${x - 50},${y - 160} ${x},${y - 40} ${x + 50},${y - 160}" fill="${s.accent}"/>
        <circle cx="${x}" cy="${y}" r="80" fill="${c}"/><circle cx="${x}" cy="${y}" r="54" fill="none" stroke="#ffffff" stroke-opacity="0.6" stroke-width="6"/>`,
      )
      .join('')}`,
  track: (s) =>
    `${ground('#2d6a4f', 260)}
    ${range(8)
      .map(
        (i) =>
          `<path d="M-40 ${900 - i * 70} Q800 ${360 - i * 30} 1640 ${900 - i * 70}" fill="none" stroke="${i % 2 ? s.accent : '#c1121f'}" stroke-width="64"/>`,
      )
      .join('')}
    ${range(8)
      .map(
        (i) =>
          `<path d="M-40 ${935 - i * 70} Q800 ${395 - i * 30} 1640 ${935 - i * 70}" fill="none" stroke="#f8f9fa" stroke-width="4"/>`,
      )
      .join('')}`,
  music: (s) =>
    `${range(9)
      .map(
        (i) =>
          `<path d="M0 ${450 + Math.sin(i) * 40} ${range(16)
            .map((k) => `Q${k * 100 + 50} ${450 + (k % 2 ? -1 : 1) * (60 + i * 18)} ${(k + 1) * 100} 450`)
            .join(' ')}" fill="none" stroke="#f1faee" stroke-opacity="${0.15 + i * 0.06}" stroke-width="4"/>`,
      )
      .join('')}
    ${[430, 800, 1170]
      .map(
        (x, i) => `<circle cx="${x}" cy="460" r="${150 - i * 10}" fill="${s.accent}"/>
        <circle cx="${x}" cy="460" r="${120 - i * 10}" fill="#fefae0"/>
        ${range(12)
          .map(
            (k) =>
              `<circle cx="${x + Math.cos((k * Math.PI) / 6) * (136 - i * 10)}" cy="${460 + Math.sin((k * Math.PI) / 6) * (136 - i * 10)}" r="7" fill="#fefae0"/>`,
          )
          .join('')}`,
      )
      .join('')}`,
  book: (s) =>
    `${range(12)
      .map(
        (i) =>
          `<polygon points="${(i % 6) * 300 - 60},${Math.floor(i / 6) * 300 - 60} ${(i % 6) * 300 + 40},${Math.floor(i / 6) * 300 - 20} ${(i % 6) * 300 + 80},${Math.floor(i / 6) * 300 + 80} ${(i % 6) * 300 + 40},${Math.floor(i / 6) * 300 + 180} ${(i % 6) * 300 - 60},${Math.floor(i / 6) * 300 + 220} ${(i % 6) * 300 - 160},${Math.floor(i / 6) * 300 + 180}" fill="#ffffff" opacity="0.08"/>`,
      )
      .join('')}
    <path d="M800 300 Q600 230 330 280 L330 760 Q600 710 800 780 Z" fill="#fefae0"/>
    <path d="M800 300 Q1000 230 1270 280 L1270 760 Q1000 710 800 780 Z" fill="#faedcd"/>
    ${range(8)
      .map(
        (
          i,
        ) => `<line x1="400" y1="${350 + i * 48}" x2="${720 - (i % 3) * 40}" y2="${365 + i * 48}" stroke="#6c584c" stroke-width="6" stroke-linecap="round" opacity="0.5"/>
        <line x1="${880 + (i % 3) * 40}" y1="${365 + i * 48}" x2="1200" y2="${350 + i * 48}" stroke="#6c584c" stroke-width="6" stroke-linecap="round" opacity="0.5"/>`,
      )
      .join('')}
    <line x1="800" y1="300" x2="800" y2="780" stroke="${s.accent}" stroke-width="10"/>`,
  suzani: (s) =>
    `<rect x="120" y="80" width="1360" height="740" rx="20" fill="#fdf0d5"/>
    ${range(3)
      .flatMap((row) =>
        range(5).map((col) => {
          const cx = 300 + col * 250;
          const cy = 220 + row * 230;
          return `${range(10)
            .map(
              (k) =>
                `<ellipse cx="${cx + Math.cos((k * Math.PI) / 5) * 62}" cy="${cy + Math.sin((k * Math.PI) / 5) * 62}" rx="34" ry="16" transform="rotate(${k * 36} ${cx + Math.cos((k * Math.PI) / 5) * 62} ${cy + Math.sin((k * Math.PI) / 5) * 62})" fill="${(row + col) % 2 ? s.accent : '#003049'}"/>`,
            )
            .join('')}
            <circle cx="${cx}" cy="${cy}" r="44" fill="${(row + col) % 2 ? '#003049' : s.accent}"/>
            <circle cx="${cx}" cy="${cy}" r="18" fill="#fdf0d5"/>`;
        }),
      )
      .join('')}`,
};

export function pictureSvg(spec: PictureSpec, seed = 1): string {
  const r = random(seed ^ seedOf(spec.motif));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0.3" y2="1">
      <stop offset="0" stop-color="${spec.sky[0]}"/><stop offset="1" stop-color="${spec.sky[1]}"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>
    ${DRAW[spec.motif](spec, r)}
  </svg>`;
}

// The picture as a JPEG file, as a camera or a picture desk would hand it over.
export function drawPicture(spec: PictureSpec, seed = 1): Promise<Buffer> {
  return sharp(Buffer.from(pictureSvg(spec, seed)))
    .resize(PICTURE_WIDTH, PICTURE_HEIGHT)
    .jpeg({ quality: 82, mozjpeg: false })
    .toBuffer();
}

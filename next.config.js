import { nextHeaderSources } from './lib/http/route-kinds.mjs';

const READER_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'X-Frame-Options': 'SAMEORIGIN',
};
const NEWSROOM_HEADERS = { ...READER_HEADERS, 'Referrer-Policy': 'same-origin', 'X-Frame-Options': 'DENY' };
const sources = nextHeaderSources();
const headersOf = (map) => Object.entries(map).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules are loaded by Node at run time, never bundled.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2', 'sharp'],
  // The end-to-end tests build into their own folder so they never overwrite the app's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Types are checked by `npm run typecheck` (tsc --noEmit), its own CI step; not a second time in
  // every build, which doubles the quick start's build time on a two-core machine.
  typescript: { ignoreBuildErrors: true },
  // A long article's document travels in one autosave; lib/article-document/check.ts caps it at 2M characters.
  experimental: {
    serverActions: { bodySizeLimit: '6mb' },
    // Reader pages' CSS is a few kB: inlined, it saves the render-blocking request on a phone.
    inlineCss: true,
  },
  reactStrictMode: true,
  async headers() {
    return [
      // lib/http/security-headers.ts staticSecurityHeaders (a unit test keeps the two the same); the
      // CSP and HSTS depend on the running server and come from proxy.ts. Later rules win. The
      // addresses are the route kinds table's (lib/http/route-kinds.mjs). Like routeKindOf,
      // unknown fails closed: every path gets the newsroom's headers, and only the reader's pages
      // and resources are framed by this site.
      { source: '/:path*', headers: headersOf(NEWSROOM_HEADERS) },
      ...[...sources['reader-html'], ...sources.resource].map((source) => ({
        source,
        headers: headersOf(READER_HEADERS),
      })),
      // The preview document is framed by the newsroom's own preview page.
      ...sources.preview.map((source) => ({
        source,
        headers: [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }],
      })),
      // Self-hosted fonts (public/fonts) keep their names across builds: cache for a week.
      {
        source: '/fonts/:file*',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=604800, stale-while-revalidate=86400' }],
      },
    ];
  },
};

export default nextConfig;

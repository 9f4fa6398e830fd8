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
    // Self-hosted fonts (public/fonts) keep their names across builds: cache for a week.
    return [
      {
        source: '/fonts/:file*',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=604800, stale-while-revalidate=86400' }],
      },
    ];
  },
};

export default nextConfig;

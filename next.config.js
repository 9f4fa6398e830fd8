/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules are loaded by Node at run time, never bundled.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2', 'sharp'],
  // The end-to-end tests build into their own folder so they never overwrite the app's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // A long article's document travels in one autosave; lib/document.ts caps it at 2M characters.
  experimental: { serverActions: { bodySizeLimit: '6mb' } },
  reactStrictMode: true,
};

export default nextConfig;

// Who sent a request, as far as this server can tell: read by the sign-in throttle (lib/auth/)
// and the reader counters (lib/reader/visitors.ts). Pure: a function of the headers.

// The address server.mjs puts on every request (it overwrites any a client sends); without it
// (plain `next start`, `next dev`) the first hop Next saw.
export function clientAddressOf(headers: Headers): string {
  return (
    headers.get('x-newsroom-client-address') ??
    headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() ??
    ''
  );
}

import { z } from 'zod';

// Every schema of lib/validation comes through here, because some run in the browser too. Zod
// compiles object parsers with `new Function` where it may, and its probe for that is reported as
// a Content-Security-Policy violation on every page whose CSP forbids eval (all of ours:
// lib/http/security-headers.ts), even though Zod catches the error. jitless parses the same way
// without the probe.
z.config({ jitless: true });

export { z };

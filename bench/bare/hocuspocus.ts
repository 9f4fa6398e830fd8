// The baseline of bench/collab-process.ts: a bare Hocuspocus server in its own process (no
// session, permission, limits or storing), each document seeded from the same 5,000-word body.
// Usage: node --import tsx --conditions=react-server bench/bare/hocuspocus.ts (sends its port).
import { Server } from '@hocuspocus/server';
import { paragraphsToDocument } from '@/lib/document/check';
import { seededState } from '@/lib/collab/document';

const words = (n: number) => Array.from({ length: n }, (_, i) => `كلمة${i % 97}`).join(' ');
const body = paragraphsToDocument(Array.from({ length: 100 }, () => words(50)));
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  async onLoadDocument() {
    return seededState(body);
  },
});
await server.listen();
process.send?.({ newsroomCollabPort: server.address.port });

// The ceiling for serving a page: a bare Node server returning the same bytes from memory.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [file, port = '3259'] = process.argv.slice(2);
if (!file) throw new Error('usage: plain-server.ts FILE [port]');
const body = readFileSync(file);
http
  .createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    response.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => console.log('ready'));

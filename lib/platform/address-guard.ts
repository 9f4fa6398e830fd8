import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

// Webhooks are sent only to the public internet (SSRF): never to loopback, link-local, private,
// shared, multicast or reserved addresses, unless the operator lists the host in
// NEWSROOM_WEBHOOK_ALLOWED_HOSTS (comma-separated hostnames or addresses). Checked on the address
// the name RESOLVES to, at send time, inside the connection's own lookup: the address checked is
// the address connected to, so a name that re-resolves to 127.0.0.1 later (DNS rebinding) is
// refused then too.

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return isPublicAddress(mapped[1]!);
    return !BLOCKED.check(address, 'ipv6');
  }
  return !BLOCKED.check(address, 'ipv4');
}

export function allowedHosts(value = process.env.NEWSROOM_WEBHOOK_ALLOWED_HOSTS): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((h) =>
        h
          .trim()
          .toLowerCase()
          .replace(/^\[|\]$/g, ''),
      )
      .filter(Boolean),
  );
}

export const URL_MESSAGES = {
  invalid: 'عنوان الخطاف غير صالح؛ اكتب عنواناً كاملاً يبدأ بـ https://',
  credentials: 'لا يحمل عنوان الخطاف اسم مستخدم ولا كلمة مرور.',
  internal: 'عنوان الخطاف يشير إلى عنوان داخلي (محلي أو خاص)؛ لا يُرسل إليه إلا إذا أذن به مشغّل الخادم.',
  unresolved: 'تعذّر العثور على عنوان الخطاف.',
} as const;

const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^\[|\]$/g, '');

// What can be said of a URL before sending: its form, and for an address written as such, where
// it points. A name is checked again, resolved, at every send (guardedLookup).
export function checkWebhookUrl(raw: string, allowed = allowedHosts()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return URL_MESSAGES.invalid;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return URL_MESSAGES.invalid;
  if (url.username || url.password) return URL_MESSAGES.credentials;
  const host = hostOf(url);
  if (allowed.has(host)) return null;
  if (host === 'localhost' || host.endsWith('.localhost')) return URL_MESSAGES.internal;
  if (isIP(host) && !isPublicAddress(host)) return URL_MESSAGES.internal;
  return null;
}

export class UnsafeAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused: ${address} is not a public address`);
    this.name = 'UnsafeAddressError';
  }
}

// A `lookup` for http.request that refuses any non-public address unless the host is allowed.
export function guardedLookup(host: string, allowed = allowedHosts()) {
  const open = allowed.has(host.toLowerCase().replace(/^\[|\]$/g, ''));
  return (
    hostname: string,
    options: object,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => !open && !isPublicAddress(a.address));
      if (bad) return callback(new UnsafeAddressError(bad.address), []);
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

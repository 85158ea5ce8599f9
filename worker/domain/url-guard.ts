/**
 * Which calendar URLs the worker may fetch: http(s) only, and never an
 * address inside a network (private, loopback, link-local, carrier-grade
 * NAT, multicast, reserved), so that an organiser's URL cannot reach
 * services that are not public. No I/O: the fetch re-checks every
 * redirect hop with these rules.
 */

/** Why a URL may not be fetched; null when it may. */
export type UrlVerdict = { url: URL } | { problem: string };

/**
 * The URL to fetch for a calendar address: webcal:// and webcals:// become
 * https://; only http and https are fetched, without user names or passwords.
 */
export function calendarUrl(text: string, allowLoopback = false): UrlVerdict {
  const trimmed = text.trim().replace(/^webcals?:\/\//i, 'https://');
  if (!URL.canParse(trimmed)) return { problem: 'is not a URL' };
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `must be an http, https or webcal URL, not ${url.protocol.replace(':', '')}` };
  if (url.username || url.password) return { problem: 'must not contain a user name or password' };
  const blocked = blockedHost(url.hostname, allowLoopback);
  return blocked ? { problem: blocked } : { url };
}

/** Why a host may not be reached; null when it may. Loopback is allowed only when asked (local development). */
export function blockedHost(hostname: string, allowLoopback = false): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return 'has no host';
  if (host.startsWith('[')) {
    const kind = ipv6Kind(host.slice(1, -1));
    if (kind === 'loopback' && allowLoopback) return null;
    return kind ? `points at a ${kind} address (${host}), which is not fetched` : null;
  }
  const v4 = parseIpv4(host);
  if (v4) {
    const kind = ipv4Kind(v4);
    if (kind === 'loopback' && allowLoopback) return null;
    return kind ? `points at a ${kind} address (${host}), which is not fetched` : null;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return allowLoopback ? null : `points at this machine (${host}), which is not fetched`;
  if (/\.(local|internal|intranet|lan|home\.arpa|corp)$/.test(host) || !host.includes('.')) return `names a host of a local network (${host}), which is not fetched`;
  return null;
}

/** Whether an IP address (IPv4, or IPv6 with or without brackets) is on loopback: 127.0.0.0/8, ::1, ::ffff:127.x.x.x. */
export function isLoopbackAddress(text: string): boolean {
  const address = text.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIpv4(address);
  return (v4 ? ipv4Kind(v4) : address.includes(':') ? ipv6Kind(address) : null) === 'loopback';
}

/** Four octets of a dotted IPv4 address (the URL parser has already turned decimal, hex and short forms into this). */
function parseIpv4(host: string): [number, number, number, number] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? (octets as [number, number, number, number]) : null;
}

function ipv4Kind([a, b, c]: [number, number, number, number]): string | null {
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'carrier-grade NAT';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return 'reserved';
  if ((a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
  if (a >= 224) return a < 240 ? 'multicast' : 'reserved';
  return null;
}

/** Eight 16-bit groups of an IPv6 address, or null. */
function parseIpv6(text: string): number[] | null {
  let address = text;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    const octets = parseIpv4(v4[1]!);
    if (!octets) return null;
    address = `${address.slice(0, -v4[1]!.length)}${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const groups = halves.length === 2 ? [...head, ...Array(Math.max(0, 8 - head.length - tail.length)).fill(0), ...tail] : head;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

function ipv6Kind(text: string): string | null {
  const g = parseIpv6(text);
  if (!g) return 'unreadable';
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(7) && g[7] === 1) return 'loopback';
  if (zeros(8)) return 'unspecified';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d)
  // and NAT64 (64:ff9b::a.b.c.d): judge the IPv4 address.
  const embedded =
    (zeros(5) && g[5] === 0xffff) || (zeros(4) && g[4] === 0xffff && g[5] === 0) || zeros(6) || (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0));
  if (embedded) return ipv4Kind([g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255]);
  // Local-use NAT64 (64:ff9b:1::/48) and 6to4 (2002::/16) lead to IPv4 networks chosen by whoever runs the translator.
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'local NAT64';
  if (g[0] === 0x2002) return '6to4';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'reserved';
  return null;
}

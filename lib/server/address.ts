import "server-only";
import { isIP } from "node:net";

/**
 * Client addresses as proxies and sockets write them: `1.2.3.4`, `1.2.3.4:5678`, `::1`, `[::1]:5678`,
 * `"[2001:db8::1]"` (RFC 7239 quotes), `fe80::1%eth0`, `::ffff:1.2.3.4`. Pure string work, so the
 * sign-in limit and the loopback rule read the same address the same way.
 */
export type ParsedAddress = { kind: 4; octets: number[] } | { kind: 6; groups: number[] };

export function parseAddress(raw: string): ParsedAddress | undefined {
  let v = raw.trim().replace(/^"|"$/g, "");
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(v);
  if (bracketed?.[1]) v = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  v = v.replace(/%.*$/, "").toLowerCase();
  if (isIP(v) === 4) return { kind: 4, octets: v.split(".").map(Number) };
  if (isIP(v) !== 6) return undefined;
  const groups = ipv6Groups(v);
  // An IPv4-mapped address (::ffff:a.b.c.d) is that IPv4 client, however the socket spells it.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return { kind: 4, octets: [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff] };
  }
  return { kind: 6, groups };
}

/** The eight 16-bit groups of a valid IPv6 address (node:net has checked it), `::` and a dotted tail expanded. */
function ipv6Groups(v: string): number[] {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(v)?.[1];
  let text = v;
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
    text = `${v.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const part = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

export function isLoopbackAddress(raw: string): boolean {
  const a = parseAddress(raw);
  if (!a) return false;
  return a.kind === 4 ? a.octets[0] === 127 : a.groups.slice(0, 7).every((g) => g === 0) && a.groups[7] === 1;
}

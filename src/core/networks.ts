/**
 * Network lists as DESTINATIONS_ALLOW writes them, parsed once here: config.ts validates the
 * variable with it, announcements/egress.ts judges addresses with it.
 */
import net from 'node:net';

/** "10.0.0.0/8", "127.0.0.1", "::1/128" → a BlockList; throws on anything else (for config.ts). */
export function allowList(entries: string[]): net.BlockList {
  const l = new net.BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split('/');
    const family = net.isIP(addr);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : Number(bits);
    if (!family || !/^\d*$/.test(bits ?? '') || !(prefix >= 0 && prefix <= max))
      throw new Error(`${JSON.stringify(e)} is not an address or network (e.g. 10.1.0.0/16, 127.0.0.1, ::1)`);
    l.addSubnet(addr, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return l;
}

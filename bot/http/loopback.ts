import { isIP } from 'node:net';

/**
 * Hosts that reach this machine. `0.0.0.0` and `::` count: on Linux a connection to them lands
 * on the local host, so a URL naming them is as local as one naming 127.0.0.1.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '::' || host === '0.0.0.0') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return /^::ffff:127\./.test(host);
}

/** Whether a peer address (req.socket.remoteAddress) is this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The host and port a URL names, or undefined when it does not parse. */
export function hostAndPort(url: string): { hostname: string; port: number } | undefined {
  try {
    const u = new URL(url);
    const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
    return { hostname: u.hostname, port };
  } catch {
    return undefined;
  }
}

// The address a request came from, for the per-address sign-in limit. The server process
// (scripts/serve-worker.mjs) writes the TCP peer's address into SOCKET_ADDRESS_HEADER, replacing
// anything a client sent under that name. X-Forwarded-For is believed only for as many hops as
// TRUST_PROXY says there are proxies in front of the app (0, the default: none — a client can write
// any X-Forwarded-For it likes). Pure.

/** Set by scripts/serve-worker.mjs from the socket; never taken from the client. */
export const SOCKET_ADDRESS_HEADER = "x-rd-socket-address";

type HeaderBag = Record<string, unknown> | Headers | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  const raw = headers instanceof Headers ? headers.get(name) : (headers?.[name] as string | string[] | undefined);
  return (Array.isArray(raw) ? raw.join(",") : raw) ?? undefined;
}

/** "::ffff:10.0.0.1" → "10.0.0.1" (IPv4 over an IPv6 socket), trimmed. */
const tidy = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

/**
 * With `trustProxy` = n proxies in front: the address n hops back from the socket along
 * X-Forwarded-For (each proxy appends the address it was reached from), so a client's own
 * X-Forwarded-For entries are never reached. n = 0: the socket's address.
 */
export function clientAddress(headers: HeaderBag, trustProxy: number): string {
  const socket = header(headers, SOCKET_ADDRESS_HEADER)?.trim();
  if (!socket) return "unknown";
  if (trustProxy <= 0) return tidy(socket);
  const chain = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  const hops = [...chain, socket];
  return tidy(hops[Math.max(0, hops.length - 1 - trustProxy)]);
}

import { describe, expect, it } from "vitest";
import { clientAddress, SOCKET_ADDRESS_HEADER } from "./client-ip";

const h = (socket: string | undefined, xff?: string) => ({ ...(socket ? { [SOCKET_ADDRESS_HEADER]: socket } : {}), ...(xff ? { "x-forwarded-for": xff } : {}) });

describe("clientAddress", () => {
  it("TRUST_PROXY=0 (default): the socket's address, whatever X-Forwarded-For says", () => {
    expect(clientAddress(h("203.0.113.9", "1.2.3.4"), 0)).toBe("203.0.113.9");
    expect(clientAddress(h("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8"), 0)).toBe("203.0.113.9");
    expect(clientAddress(h("::1"), 0)).toBe("::1");
  });

  it("TRUST_PROXY=1: the address the one proxy saw, not what the client wrote before it", () => {
    // The proxy (10.0.0.2) appends the client's address to whatever the client sent.
    expect(clientAddress(h("10.0.0.2", "198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(h("10.0.0.2", "6.6.6.6, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(h("10.0.0.2", "1.1.1.1,2.2.2.2 , 198.51.100.7"), 1)).toBe("198.51.100.7");
  });

  it("TRUST_PROXY=2: two hops back (a CDN in front of a load balancer)", () => {
    expect(clientAddress(h("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
  });

  it("more hops configured than present: the furthest address known", () => {
    expect(clientAddress(h("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientAddress(h("10.0.0.2", "198.51.100.7"), 3)).toBe("198.51.100.7");
  });

  it("no socket address (a server that does not set it): one shared bucket", () => {
    expect(clientAddress(h(undefined, "1.2.3.4"), 0)).toBe("unknown");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), 1)).toBe("unknown");
    expect(clientAddress(new Headers({ [SOCKET_ADDRESS_HEADER]: "198.51.100.7" }), 0)).toBe("198.51.100.7");
  });
});

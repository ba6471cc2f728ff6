import { randomBytes } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding: the alphabet the agent's tokens and device ids use. */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * A token looks like the doc's sample: 26 uppercase base32 characters. Tokens come from the OS
 * CSPRNG, not the seeded world, so two simulators started with the same seed never share a token
 * (a dashboard that mixes up agents' tokens must get a 401, not silently work).
 */
export function newToken(): string {
  return base32(randomBytes(17)).slice(0, 26);
}

/** The current token plus every token ever issued, so tests can check none of them leaks. */
export class TokenStore {
  private readonly issued: string[] = [];
  private token: string;

  constructor() {
    this.token = this.issue();
  }

  private issue(): string {
    const token = newToken();
    this.issued.push(token);
    return token;
  }

  get current(): string {
    return this.token;
  }

  rotate(): string {
    this.token = this.issue();
    return this.token;
  }

  all(): string[] {
    return [...this.issued];
  }

  matches(candidate: string | null): boolean {
    return candidate !== null && candidate === this.token;
  }
}

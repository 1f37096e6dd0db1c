import { maskIdNumber, maskName } from '../crypto/pii';

/**
 * Real-name check (实名核验: name + 身份证号 against the public-security register). Production plugs in
 * a licensed provider; we cannot reach one here, so the development driver records what it would
 * have asked (masked) and accepts any well-formed pair — the checksum was already validated.
 */
export interface RealNameVerifier {
  verify(person: { name: string; idNumber: string }): Promise<{ verified: boolean; reason?: string }>;
}

export class RecordingRealNameVerifier implements RealNameVerifier {
  /** what would have been sent, masked: the development "outbox" of this provider */
  readonly requests: Array<{ name: string; idNumber: string; at: string }> = [];
  async verify(person: { name: string; idNumber: string }) {
    this.requests.push({ name: maskName(person.name), idNumber: maskIdNumber(person.idNumber), at: new Date().toISOString() });
    if (this.requests.length > 1000) this.requests.shift();
    return { verified: true };
  }
}

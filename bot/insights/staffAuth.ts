import type { Request } from 'restify';
import type { AdvocateDirectory } from '../../backend/handoff/index.js';
import { bearerKey, keyMatches } from '../../backend/http/bearerAuth.js';

/** Who reads the insights: the staff key's holder, or an advocate (the review queue records their name). */
export interface StaffMember {
  name: string;
  role: 'staff' | 'advocate';
}

export interface StaffAuth {
  /** False when neither STAFF_API_KEY nor ADVOCATES is set: nobody can sign in. */
  readonly enabled: boolean;
  authenticate(req: Request): StaffMember | undefined;
}

/** `Authorization: Bearer <STAFF_API_KEY or an advocate key>`, both compared in constant time. */
export function staffAuth(staffKey: string | undefined, advocates: AdvocateDirectory): StaffAuth {
  return {
    enabled: Boolean(staffKey) || advocates.size > 0,
    authenticate(req) {
      const key = bearerKey(req.headers.authorization);
      if (!key) return undefined;
      if (staffKey && keyMatches(key, staffKey)) return { name: 'staff', role: 'staff' };
      const advocate = advocates.authenticate(key);
      return advocate ? { name: advocate.name, role: 'advocate' } : undefined;
    },
  };
}

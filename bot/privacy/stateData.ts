import { cutoff, subjectKey, type PersonalDataStore } from '../../backend/privacy/index.js';
import { userKey } from '../state.js';
import type { StateStore } from '../storage/stateStore.js';

/**
 * Conversation and user state as personal data: a user's documents are those listing them in
 * `dataSubjects` (every conversation they wrote in since tagging began) plus their user-state
 * key; untouched state expires after STATE_TTL_DAYS.
 */
export function statePersonalData(storage: StateStore, ttlDays: number): PersonalDataStore {
  return {
    name: 'state',
    async erase(subject) {
      const keys = await storage.eraseSubject(subjectKey(subject));
      const profile = userKey(subject.channelId, subject.userId);
      if (!keys.includes(profile) && Object.keys(await storage.read([profile])).length) {
        await storage.delete([profile]);
        keys.push(profile);
      }
      await storage.flush();
      return {
        conversations: keys.filter((k) => k.includes('/conversations/')).length,
        profiles: keys.filter((k) => k.includes('/users/')).length,
      };
    },
    expire: (now) => storage.expire(cutoff(now, ttlDays)),
  };
}

import { createHash } from 'node:crypto';

/**
 * Whose data: a chat user as their channel names them. The channel is part of the identity:
 * ids are only unique within a channel (a Teams user id means nothing on Web Chat).
 */
export interface DataSubject {
  channelId: string;
  userId: string;
}

/**
 * A stable pseudonym of a subject, stored next to records that otherwise carry no user id (FAQ
 * log lines, bot state documents) so that they can be found and erased with the rest. Hashing
 * keeps raw ids out of what knowledge authors read; it is not meant to be irreversible.
 */
export function subjectKey(subject: DataSubject): string {
  return createHash('sha256').update(`${subject.channelId}\u0000${subject.userId}`).digest('hex').slice(0, 32);
}

export const sameSubject = (a: DataSubject, b: DataSubject): boolean => a.channelId === b.channelId && a.userId === b.userId;

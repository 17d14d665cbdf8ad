export * from './ticket.js';
export { TicketStore, type NewTicket, type TicketStoreOptions } from './ticketStore.js';
export { FileTranscriptStore } from './fileTranscriptStore.js';
export {
  capEntry,
  fold,
  messageCount,
  DEFAULT_TRANSCRIPT_LIMITS,
  type Transcript,
  type TranscriptLimits,
  type TranscriptStore,
  type TranscriptSummary,
} from './transcript.js';
export { parseBusinessHours, type BusinessHours } from './hours.js';
export { AdvocateDirectory, parseAdvocates, MIN_KEY_LENGTH, type Advocate } from './advocates.js';
export { parseRating } from './rating.js';

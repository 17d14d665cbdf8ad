export * from './ticket.js';
export { TicketStore, type NewTicket } from './ticketStore.js';
export { parseBusinessHours, type BusinessHours } from './hours.js';
export { AdvocateDirectory, parseAdvocates, MIN_KEY_LENGTH, type Advocate } from './advocates.js';
export { parseRating } from './rating.js';

import type { DialogContext, DialogInstance } from './sdk.js';
import type { Ticket } from '../backend/handoff/index.js';

type Parked = NonNullable<Ticket['parked']>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON round trip: drops functions and class instances a dialog may keep in its state. */
function plain(value: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * What the user had entered in a dialog: each waterfall on its inner stack
 * keeps its `options` (e.g. a prefilled draft) and `values` (answers so far);
 * prompts keep only their questions, which are skipped. Inner dialogs win
 * over outer ones, later answers over earlier options.
 */
function collect(instance: DialogInstance, into: Record<string, unknown>): void {
  const state = instance.state as unknown;
  if (!isRecord(state)) return;
  if (isRecord(state.values)) {
    if (isRecord(state.options)) Object.assign(into, plain(state.options));
    const { instanceId: _ignored, ...values } = state.values;
    Object.assign(into, plain(values));
  }
  const inner = isRecord(state.dialogs) && Array.isArray(state.dialogs.dialogStack) ? (state.dialogs.dialogStack as DialogInstance[]) : [];
  for (const child of inner) collect(child, into);
}

/**
 * The dialog a handoff interrupted, read from the stack it was begun on (the
 * handoff is on top, the parked dialog just below), with its partial data.
 */
export function parkedDialog(dc: DialogContext): Parked | undefined {
  const below = dc.stack[dc.stack.length - 2];
  if (!below) return undefined;
  const data: Record<string, unknown> = {};
  collect(below, data);
  return { dialogId: below.id, data };
}

/** Turns bot replies (text, suggested actions, Adaptive/hero cards) into terminal lines and numbered choices. */

export interface Choice {
  title: string;
  /** Sent back as the message text (imBack, or a card button's data.text). */
  text?: string;
  /** Sent back as the message value (Action.Submit data). */
  value?: unknown;
}

interface CardElement {
  type?: string;
  text?: string;
  facts?: Array<{ title?: string; value?: string }>;
  items?: CardElement[];
  columns?: Array<{ items?: CardElement[] }>;
  actions?: CardAction[];
  body?: CardElement[];
}

interface CardAction {
  type?: string;
  title?: string;
  value?: unknown;
  data?: unknown;
  url?: string;
}

function renderElements(elements: CardElement[] | undefined, lines: string[], choices: Choice[]): void {
  for (const el of elements ?? []) {
    if (el.text) lines.push(`  ${el.text}`);
    for (const fact of el.facts ?? []) lines.push(`  ${fact.title ?? ''}: ${fact.value ?? ''}`);
    renderElements(el.items, lines, choices);
    for (const column of el.columns ?? []) renderElements(column.items, lines, choices);
    renderActions(el.actions, choices);
  }
}

function renderActions(actions: CardAction[] | undefined, choices: Choice[]): void {
  for (const action of actions ?? []) {
    const title = action.title ?? '';
    if (action.type === 'Action.OpenUrl' || action.type === 'openUrl') {
      choices.push({ title: `${title} (${action.url ?? action.value})` });
    } else if (action.type === 'Action.Submit' || action.type === 'Action.Execute') {
      const data = action.data as { text?: string } | undefined;
      choices.push({ title, text: data?.text ?? title, value: action.data });
    } else {
      choices.push({ title, text: typeof action.value === 'string' ? action.value : title });
    }
  }
}

export interface RenderedReply {
  lines: string[];
  choices: Choice[];
}

export function renderReplies(activities: Array<Record<string, unknown>>): RenderedReply {
  const lines: string[] = [];
  const choices: Choice[] = [];
  for (const a of activities) {
    if (a.type !== 'message') continue;
    if (typeof a.text === 'string' && a.text) lines.push(a.text);
    for (const att of (a.attachments as Array<{ contentType?: string; content?: CardElement & { title?: string; buttons?: CardAction[] } }>) ?? []) {
      const card = att.content;
      if (!card) continue;
      if (card.title) lines.push(`  ${card.title}`);
      if (card.text) lines.push(`  ${card.text}`);
      renderElements(card.body, lines, choices);
      renderActions(card.actions ?? card.buttons, choices);
    }
    renderActions((a.suggestedActions as { actions?: CardAction[] } | undefined)?.actions, choices);
  }
  return { lines, choices };
}

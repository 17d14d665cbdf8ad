/** The id of the quote entry dialog, apart so the prompts can start it again without an import cycle. */
export const QUOTE_ENTRY_DIALOG = 'quote';

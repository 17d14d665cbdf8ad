/**
 * The parts of botbuilder-dialogs the bot uses, imported from their own files. The package's
 * index also loads every prompt and, with them, its own copies of the text recognizers (1.1.4:
 * suite, date-time, choice, number-with-unit): +36 MB of RSS and ~0.6 s of start-up for classes
 * we never construct (our prompts read answers with dialogs/validators/). Same module instances
 * as the index's, so a test importing 'botbuilder-dialogs' gets the very same classes.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog, DialogReason, DialogTurnStatus, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogContext, type DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext.js';
// A text prompt brings only the number recognizer (the package's 1.3.1 copy, ~10 MB), for choices.
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt.js';
export type { PromptValidatorContext } from 'botbuilder-dialogs/lib/prompts/prompt.js';

import { readFileSync } from 'node:fs';
import { ActionTypes, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import { fromRoot } from '../bot/paths.js';
import type { Lang } from '../knowledge/lang.js';

/** The main menu, in the order of the welcome card. Each id is also a global intent. */
export const MENU_ACTIONS = ['ask', 'quote', 'renew', 'advocate', 'language'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

const ENDONYMS = JSON.parse(readFileSync(fromRoot('knowledge', 'language', 'endonyms.json'), 'utf8')) as Record<Lang, string>;

export function imBack(title: string, value = title): CardAction {
  return { type: ActionTypes.ImBack, title, value };
}

export function menuActions(t: TFunction): CardAction[] {
  return MENU_ACTIONS.map((id) => imBack(t(`common:menu.${id}`)));
}

/** A message with the main menu as suggested actions, so the user is never at a dead end. */
export function withMenu(t: TFunction, text: string): Partial<Activity> {
  return MessageFactory.suggestedActions(menuActions(t), text);
}

/** "Did you want your data deleted?": the erase button first, then the menu. */
export function erasureSuggestion(t: TFunction): Partial<Activity> {
  return MessageFactory.suggestedActions([imBack(t('privacy:menu')), ...menuActions(t)], t('privacy:suggest'));
}

/** The help text with the menu, plus the button that erases the user's data. */
export function helpMessage(t: TFunction): Partial<Activity> {
  return MessageFactory.suggestedActions([...menuActions(t), imBack(t('privacy:menu'))], t('common:help.text'));
}

/** Language buttons show each language's own name, whatever the current language. */
export function languageChoice(t: TFunction): Partial<Activity> {
  return MessageFactory.suggestedActions(
    (Object.entries(ENDONYMS) as Array<[Lang, string]>).map(([, name]) => imBack(name)),
    t('common:language.choose'),
  );
}

export function endonymPhrases(): Array<[Lang, string]> {
  return Object.entries(ENDONYMS) as Array<[Lang, string]>;
}

/** The welcome: greeting, what the bot does, and the menu. */
export function welcomeActivities(t: TFunction, userName?: string): Array<Partial<Activity>> {
  const name = userName && userName.length <= 40 && !/^user/i.test(userName) ? ` ${userName}` : '';
  return [
    // Chinese puts no space after a full stop.
    MessageFactory.text(`${t('common:welcome.greeting', { name })}${t('common:sentenceGap')}${t('common:welcome.capabilities')}`),
    withMenu(t, t('common:welcome.prompt')),
  ];
}

export function yesNoActions(t: TFunction): CardAction[] {
  return [imBack(t('common:yesNo.yes')), imBack(t('common:yesNo.no'))];
}

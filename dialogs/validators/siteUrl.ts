import type { Lang } from '../../knowledge/lang.js';
import { normalizeInput, stripEndPunctuation } from './normalize.js';
import { findSens } from './sen.js';
import { invalid, invalidKey, noticeKey, ok, type ValidationResult } from './result.js';

/**
 * Atlassian cloud site URLs are https://<name>.atlassian.net. People type the full URL, the host
 * only ("acme.atlassian.net"), a page inside the site, or just the site name ("acme").
 */
const SITE_IN_TEXT = /(?:https?:\/\/)?([a-z0-9][a-z0-9-]{0,62})\.atlassian\.net\b/giu;
const BARE_NAME = /^[a-z0-9][a-z0-9-]{1,62}$/i;

export const siteUrlOf = (name: string): string => `https://${name.toLowerCase()}.atlassian.net`;

/** The first https://<name>.atlassian.net in a sentence, normalised. */
export function findSiteUrl(text: string): string | undefined {
  const [m] = normalizeInput(text).matchAll(SITE_IN_TEXT);
  return m?.[1] === undefined ? undefined : siteUrlOf(m[1]);
}

/** The `siteUrl` slot. A bare name is completed, with a notice so the dialog can confirm it. */
export function validateSiteUrl(text: string, _lang: Lang): ValidationResult<string> {
  const found = findSiteUrl(text);
  if (found) return ok(found);
  const bare = stripEndPunctuation(normalizeInput(text));
  // "SEN-C7778889" is a SEN, never the site "sen-c7778889": it goes to the SEN slot instead.
  if (BARE_NAME.test(bare) && !/^\d+$/.test(bare) && findSens(bare, { allowBare: true }).length === 0) {
    const url = siteUrlOf(bare);
    return ok(url, { key: noticeKey('siteUrlCompleted'), params: { url } });
  }
  return invalid(invalidKey('siteUrl'));
}

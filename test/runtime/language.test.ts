import assert from 'node:assert/strict';
import { IntentMatcher, normalizeCommand } from '../../knowledge/intents.js';
import { LanguageDetector } from '../../knowledge/language/detect.js';
import { decideLanguage, langFromLocale } from '../../bot/locale.js';

const detector = LanguageDetector.fromFile();
const intents = IntentMatcher.fromFile();

describe('Language detection', () => {
  const confident: Array<[string, 'en' | 'fr' | 'zh']> = [
    ["Est-ce qu'il existe un programme revendeur ?", 'fr'],
    ['faut il etre agree par atlassian pour revendre leurs licences', 'fr'],
    ['Comment je paie une facture pour mon client', 'fr'],
    ['How do I renew a license for my customer', 'en'],
    ['Is there a discount for resellers?', 'en'],
    ['Bitbucket 续费', 'zh'],
    ['Jira Data Center 多少钱', 'zh'],
  ];
  for (const [text, lang] of confident) {
    it(`reads "${text}" as ${lang}`, () => assert.deepEqual(detector.detect(text), { lang, confident: true }));
  }

  // A Chinese name inside a whole English or French sentence is borrowed; Chinese text around English product names is Chinese.
  const mixed: Array<[string, 'en' | 'fr' | 'zh']> = [
    ['My colleague 王伟 will call you tomorrow', 'en'],
    ['Mon collègue 王伟 vous rappellera demain matin', 'fr'],
    ['请问 Jira Software 和 Confluence 有什么区别', 'zh'],
    ['我们要 renew the license for 50 users', 'zh'],
    ['Jira 云版', 'zh'],
  ];
  for (const [text, lang] of mixed) {
    it(`reads the mixed "${text}" as ${lang}`, () => assert.deepEqual(detector.detect(text), { lang, confident: true }));
  }

  for (const neutral of ['ok', 'jean.dupont@exemple.fr', 'SEN-L1234567', '2000', 'Paul Girard', 'Confluence', 'yep', '👍', 'agent', 'help', 'merci', 'Jira Service Management']) {
    it(`never switches on "${neutral}"`, () => assert.notEqual(detector.detect(neutral)?.confident, true));
  }
});

describe('Language decision', () => {
  const base = { expectingValue: false, defaultLang: 'en' as const };
  it('orders explicit > detection > remembered > channel locale > default', () => {
    assert.equal(decideLanguage({ ...base, explicit: 'zh', text: 'Bonjour, je voudrais un devis', saved: 'en' }, detector).lang, 'zh');
    assert.equal(decideLanguage({ ...base, text: 'Bonjour, je voudrais un devis', saved: 'en', activityLocale: 'zh-CN' }, detector).lang, 'fr');
    assert.equal(decideLanguage({ ...base, text: 'ok', saved: 'fr', activityLocale: 'zh-CN' }, detector).lang, 'fr');
    assert.equal(decideLanguage({ ...base, text: 'ok', activityLocale: 'zh-TW' }, detector).lang, 'zh');
    assert.equal(decideLanguage({ ...base, text: 'ok', activityLocale: 'de-DE' }, detector).lang, 'en');
  });

  it('does not detect while a prompt waits for a value', () => {
    const d = decideLanguage({ ...base, expectingValue: true, text: 'Atelier Roux et Fils de la Vallée', saved: 'en' }, detector);
    assert.equal(d.lang, 'en');
  });

  it('maps channel locales', () => {
    for (const [locale, lang] of [['fr-CA', 'fr'], ['fr-FR', 'fr'], ['zh-Hans', 'zh'], ['zh-TW', 'zh'], ['en-GB', 'en'], ['ja-JP', undefined], [42, undefined]] as const) {
      assert.equal(langFromLocale(locale), lang);
    }
  });
});

describe('Global commands', () => {
  it('folds case, accents, punctuation and full-width forms', () => {
    assert.equal(normalizeCommand('  ＡＩＤＥ ! '), 'aide');
    assert.equal(normalizeCommand('Français'), 'francais');
  });

  const cases: Array<[string, string, string?]> = [
    ['help', 'help'], ['Aide', 'help'], ['帮助', 'help'], ['que pouvez-vous faire ?', 'help'],
    ['cancel', 'cancel'], ['ANNULER', 'cancel'], ['取消', 'cancel'], ['重新开始', 'cancel'],
    ['in English please', 'language', 'en'], ['en français svp', 'language', 'fr'], ['请用中文', 'language', 'zh'],
    ['changer de langue', 'language', 'choose'],
  ];
  for (const [text, intent, variant] of cases) {
    it(`reads "${text}" as ${intent}${variant ? `/${variant}` : ''}`, () => {
      const m = intents.match(text);
      assert.equal(m?.intent, intent);
      if (variant) assert.equal(m?.variant, variant);
    });
  }

  for (const text of ['how do I cancel a license renewal?', 'comment annuler une commande', 'help desk pricing', '']) {
    it(`does not take the question "${text}" for a command`, () => assert.equal(intents.match(text)?.intent, undefined));
  }
});

describe('One-word commands as a language hint', () => {
  it('uses the command language only when detection, the saved language and the channel locale have nothing', () => {
    assert.equal(decideLanguage({ expectingValue: false, defaultLang: 'en', text: 'bonjour', hint: 'fr' }, detector).lang, 'fr');
    assert.equal(decideLanguage({ expectingValue: false, defaultLang: 'en', text: 'bonjour', hint: 'fr', activityLocale: 'de-DE' }, detector).lang, 'fr');
    // A borrowed word is not a switch: the zh-CN client of finding 27, a French or English one likewise.
    assert.deepEqual(decideLanguage({ expectingValue: false, defaultLang: 'en', text: 'agent', hint: 'en', activityLocale: 'zh-CN' }, detector), { lang: 'zh' });
    assert.deepEqual(decideLanguage({ expectingValue: false, defaultLang: 'en', text: 'help', hint: 'en', activityLocale: 'fr-FR' }, detector), { lang: 'fr' });
    assert.deepEqual(decideLanguage({ expectingValue: false, defaultLang: 'en', text: 'merci', hint: 'fr', activityLocale: 'en-US' }, detector), { lang: 'en' });
    assert.deepEqual(decideLanguage({ expectingValue: false, defaultLang: 'en', text: 'agent', hint: 'en', saved: 'zh' }, detector), { lang: 'zh' });
    assert.equal(decideLanguage({ expectingValue: false, defaultLang: 'en', text: 'How do I renew my license please', hint: 'fr' }, detector).lang, 'en');
  });
});

describe('Questions and requests', () => {
  it('tells how-to questions from requests, including requests worded as questions', async () => {
    const { looksLikeQuestion, carriesRequestData } = await import('../../knowledge/language/question.js');
    assert.equal(looksLikeQuestion('Comment renouveler une licence ?'), true);
    assert.equal(looksLikeQuestion('如何续订许可证'), true);
    assert.equal(looksLikeQuestion('je voudrais un devis Confluence Data Center pour 2000 utilisateurs'), false);
    assert.equal(carriesRequestData('Pouvez-vous renouveler SEN-L1234567 ?'), true);
    assert.equal(carriesRequestData('quote for acme.atlassian.net'), true);
    assert.equal(carriesRequestData('How do I renew a license?'), false);
  });

  it('a question word typed fast is still a question word; a request is still a request', async () => {
    const { looksLikeQuestion } = await import('../../knowledge/language/question.js');
    assert.equal(looksLikeQuestion('coment renouveler une licence jria data centre'), true);
    assert.equal(looksLikeQuestion('pourqoui ma commande est en examen'), true);
    assert.equal(looksLikeQuestion('renouveler une licence jira data center'), false);
    assert.equal(looksLikeQuestion('commande de 20 licences Jira'), false);
  });
});

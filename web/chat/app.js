// The web chat page: connects Web Chat (window.WebChat, served from /chat/webchat.js)
// to the bot, either through the local Direct Line (npm start without a secret) or the
// Direct Line service (a token from the bot's server; the secret never comes here).
(function () {
  'use strict';

  var LOCALES = { fr: 'fr-FR', zh: 'zh-CN', en: 'en-US' };
  var PAGE_TEXT = {
    fr: { title: 'Assistant revendeurs', subtitle: 'Licences Atlassian, devis et renouvellements', error: 'Impossible de joindre l’assistant. Réessayez dans un instant.' },
    zh: { title: '经销商助手', subtitle: 'Atlassian 许可证、报价与续订', error: '暂时无法连接助手，请稍后再试。' },
    en: { title: 'Reseller Assistant', subtitle: 'Atlassian licensing, quotes and renewals', error: 'The assistant cannot be reached. Please try again in a moment.' },
  };
  var STORAGE_KEY = 'reseller-assistant.lang';

  /** ?lang=fr wins (links from a French site), then the last choice, then the browser's language. */
  function initialLang() {
    var fromQuery = new URLSearchParams(location.search).get('lang');
    if (fromQuery && LOCALES[fromQuery]) return fromQuery;
    try {
      var saved = localStorage.getItem(STORAGE_KEY);
      if (saved && LOCALES[saved]) return saved;
    } catch (e) { /* storage blocked: fall through */ }
    var browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
    return LOCALES[browser] ? browser : 'en';
  }

  var lang = initialLang();
  var directLine;
  var store;
  var userId;

  function showPageText() {
    var text = PAGE_TEXT[lang];
    document.documentElement.lang = LOCALES[lang];
    document.getElementById('title').textContent = text.title;
    document.getElementById('subtitle').textContent = text.subtitle;
    document.title = text.title;
    document.querySelectorAll('#languages button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
    });
  }

  function showError() {
    var status = document.getElementById('status');
    status.textContent = PAGE_TEXT[lang].error;
    status.hidden = false;
  }

  var styleOptions = {
    accent: '#0b3d91',
    backgroundColor: '#f7f9fc',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#dfe3eb',
    bubbleBorderRadius: 12,
    bubbleFromUserBackground: '#0b3d91',
    bubbleFromUserBorderColor: '#0b3d91',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 12,
    bubbleMaxWidth: 560,
    botAvatarInitials: 'RA',
    botAvatarBackgroundColor: '#0b3d91',
    hideUploadButton: true,
    suggestedActionLayout: 'flow',
    suggestedActionBorderRadius: 16,
    sendBoxButtonColor: '#0b3d91',
    primaryFont: "'Segoe UI', system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
  };

  /** Web Chat re-renders in place when called again with new props (here: the locale). */
  function render() {
    window.WebChat.renderWebChat(
      { directLine: directLine, store: store, userID: userId, locale: LOCALES[lang], styleOptions: styleOptions },
      document.getElementById('webchat'),
    );
  }

  function sendEvent(name, value) {
    store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: name, value: value } });
  }

  function chooseLanguage(next) {
    if (!LOCALES[next] || next === lang) return;
    lang = next;
    try { localStorage.setItem(STORAGE_KEY, lang); } catch (e) { /* not remembered, still applied */ }
    showPageText();
    render();
    // The bot confirms in the new language and re-asks any open question.
    sendEvent('setLanguage', lang);
  }

  async function connect() {
    var config = await (await fetch('/chat/config.json')).json();
    if (config.mode === 'service') {
      var answer = await fetch(config.tokenUrl, { method: 'POST' });
      if (!answer.ok) throw new Error('token ' + answer.status);
      var session = await answer.json();
      userId = session.userId;
      return window.WebChat.createDirectLine({ token: session.token, domain: config.domain });
    }
    // The local Direct Line only polls. Starting the conversation returns its own token, which
    // Web Chat uses from then on (the 'local' placeholder opens nothing), and the Direct Line
    // sets who the user is: whatever id the page sent would be replaced.
    return window.WebChat.createDirectLine({
      domain: location.origin + config.domain,
      token: 'local',
      webSocket: false,
      pollingInterval: 200,
    });
  }

  async function main() {
    showPageText();
    document.getElementById('languages').addEventListener('click', function (event) {
      var button = event.target.closest('button[data-lang]');
      if (button) chooseLanguage(button.dataset.lang);
    });
    directLine = await connect();
    store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          // Direct Line does not announce the user to the bot: ask for the welcome once connected,
          // in the page's language (value.lang is an explicit choice for the bot's language middleware).
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { lang: lang } } });
          }
          return next(action);
        };
      };
    });
    render();
  }

  main().catch(function (err) {
    console.error(err);
    showError();
  });
})();

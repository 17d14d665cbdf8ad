import type { AddressInfo } from 'node:net';
import type { Feature, FeatureFactory } from '../feature.js';
import { registerDirectLineProxy } from './directLineProxy.js';
import { createLocalDirectLine, type LocalDirectLine } from './localDirectLine.js';
import { contentSecurityPolicy, registerStaticRoutes } from './staticRoutes.js';
import { registerTokenRoute } from './tokenRoute.js';

/** Where a server bound to `address` can be reached from this machine. */
function loopbackUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * The web chat page. With DIRECT_LINE_SECRET the page uses the Direct Line
 * service through a token from POST /api/directline/token; without it a local
 * Direct Line starts with the bot and the page talks to it via /directline.
 */
export const webchatFeature: FeatureFactory = (ctx) => {
  const { config, server, logger } = ctx;
  const secret = config.DIRECT_LINE_SECRET;

  if (secret) {
    registerStaticRoutes(
      server,
      { mode: 'service', domain: config.DIRECT_LINE_ENDPOINT, tokenUrl: '/api/directline/token' },
      contentSecurityPolicy(config.DIRECT_LINE_ENDPOINT),
    );
    registerTokenRoute(server, { secret, endpoint: config.DIRECT_LINE_ENDPOINT, logger });
    return { name: 'webchat' };
  }

  registerStaticRoutes(server, { mode: 'local', domain: '/directline' }, contentSecurityPolicy());
  const directLine: LocalDirectLine = createLocalDirectLine({
    port: config.DIRECT_LINE_PORT,
    channelId: 'webchat',
    botAccount: { id: 'reseller-assistant', name: 'Reseller Assistant' },
    relay: ctx.relay,
    limits: { idleMs: config.DIRECT_LINE_IDLE_MIN * 60_000, maxConversations: 500, maxActivities: 200, maxBytes: 256 * 1024 },
    maxStoredChars: config.MAX_MESSAGE_CHARS,
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
  });
  ctx.privacy.register(directLine.personalData());
  let ready: Promise<string> = Promise.reject(new Error('not started'));
  ready.catch(() => undefined);
  registerDirectLineProxy(server, () => ready, logger);

  const feature: Feature = {
    name: 'webchat',
    start() {
      const botUrl = `${loopbackUrl(server.address() as AddressInfo)}/api/messages`;
      ready = directLine.start(botUrl).then(() => {
        logger.info({ directLine: directLine.clientUrl }, 'local Direct Line listening');
        return directLine.clientUrl;
      });
      ready.catch((err: Error) => logger.error({ err: { message: err.message } }, 'local Direct Line failed to start'));
    },
    close: () => directLine.close(),
  };
  return feature;
};

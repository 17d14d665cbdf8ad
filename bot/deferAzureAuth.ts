import { createRequire } from 'node:module';

/**
 * botframework-connector loads `@azure/identity` and `@azure/msal-node` when it is imported
 * (~0.3 s and ~22 MB here), but only uses them to get tokens for a registered bot
 * (MicrosoftAppId). Local mode never does. Each is replaced in the module cache by a stand-in
 * that loads the real module on first use, so a bot with credentials gets it at its first token
 * and one without never pays for it. Imported first by main.ts, before botbuilder.
 */
const require = createRequire(import.meta.url);

function defer(name: string, from: NodeJS.Require): void {
  let path: string;
  try {
    path = from.resolve(name);
  } catch {
    return; // not installed where the connector looks: nothing to defer
  }
  if (require.cache[path]) return;
  let real: object | undefined;
  const load = (): Record<string | symbol, unknown> => {
    if (!real) {
      delete require.cache[path];
      real = from(name) as object;
    }
    return real as Record<string | symbol, unknown>;
  };
  const standIn = new Proxy(
    {},
    {
      get: (_target, key) => load()[key],
      has: (_target, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Object.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  require.cache[path] = { id: path, filename: path, loaded: true, exports: standIn, children: [], paths: [] } as unknown as NodeJS.Module;
}

const connector = createRequire(require.resolve('botframework-connector'));
for (const name of ['@azure/identity', '@azure/msal-node']) defer(name, connector);

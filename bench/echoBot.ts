/**
 * The baseline for `npm run bench`: a bare botbuilder echo bot on the same stack as the
 * product (restify 11 + CloudAdapter, no auth, MemoryStorage, ConversationState saved every
 * turn). Bench-only: nothing in the product imports it.
 *
 *   node --import tsx bench/echoBot.ts <port>
 */
import restify, { type Next, type Request, type Response } from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type TurnContext,
} from 'botbuilder';

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context: TurnContext, error: Error) => {
  process.stderr.write(`echo bot turn failed: ${error.message}\n`);
  await context.sendActivity('error');
};

const conversationState = new ConversationState(new MemoryStorage());
const turns = conversationState.createProperty<{ count: number }>('turns');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const data = await turns.get(context, { count: 0 });
      data.count++;
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient?.id) await context.sendActivity('Hello and welcome!');
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}

const bot = new EchoBot();
const server = restify.createServer({ name: 'bench-echo-bot' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.get('/readyz', (_req: Request, res: Response, next: Next) => {
  res.json({ status: 'ready' });
  return next();
});
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`echo bot listening on ${(server.address() as { port: number }).port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}

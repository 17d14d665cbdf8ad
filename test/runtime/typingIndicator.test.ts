import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { TypingIndicator } from '../../bot/middleware/typingIndicator.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TypingIndicator', () => {
  it('shows typing during a slow turn and stops when the turn ends, without touching the finished context', async () => {
    const sent: Array<Partial<Activity>> = [];
    const adapter = new TestAdapter(async (context) => {
      await sleep(130);
      await context.sendActivity('done');
    }).use(new TypingIndicator(40, 30));
    adapter.onTurnError = async (_c, err) => assert.fail(err);
    const original = adapter.sendActivities.bind(adapter);
    adapter.sendActivities = async (ctx, activities) => {
      sent.push(...activities);
      return original(ctx, activities);
    };
    await adapter.send('slow question');
    const typingDuringTurn = sent.filter((a) => a.type === ActivityTypes.Typing).length;
    assert.ok(typingDuringTurn >= 2, `typing sent ${typingDuringTurn} times`);
    await sleep(150); // a timer firing after the turn would throw on the revoked context
    assert.equal(sent.filter((a) => a.type === ActivityTypes.Typing).length, typingDuringTurn);
  });

  it('sends nothing when replies are buffered (expectReplies) or for non-message activities', async () => {
    const sent: Array<Partial<Activity>> = [];
    const adapter = new TestAdapter(async () => {
      await sleep(100);
    }).use(new TypingIndicator(10, 10));
    const original = adapter.sendActivities.bind(adapter);
    adapter.sendActivities = async (ctx, activities) => {
      sent.push(...activities);
      return original(ctx, activities);
    };
    await adapter.send({ type: 'message', text: 'x', deliveryMode: 'expectReplies' });
    await adapter.send({ type: 'event', name: 'x' });
    assert.equal(sent.filter((a) => a.type === ActivityTypes.Typing).length, 0);
  });
});

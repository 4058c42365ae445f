// The push channel of a delivery: the notice goes to every device the person turned on; delivered when one
// device's push service took it. Devices their push service no longer knows are forgotten.
import 'server-only';
import type { Db } from '~/db';
import type { ChannelResult, PushSender } from './deliver';
import { vapidKeys, sendPush } from './push';
import { forgetSubscription, markPushDelivered, pushTargets } from './push-subscriptions';

export const sendPushNotice: PushSender = async (db: Db, userId, message): Promise<ChannelResult> => {
  if (!vapidKeys()) return { status: 'skipped', reason: 'push-not-configured' };
  const targets = await pushTargets(db, userId);
  if (targets.length === 0) return { status: 'skipped', reason: 'no-subscription' };
  const path = new URL(message.url).pathname + new URL(message.url).hash;
  let delivered = false;
  let lastError = '';
  for (const target of targets) {
    const result = await sendPush(target, { title: message.subject, body: message.short, url: path, tag: message.tag }, { urgent: message.urgent });
    if (result.ok) {
      delivered = true;
      await markPushDelivered(db, target.id, new Date());
    } else if (result.gone) {
      await forgetSubscription(db, target.id);
    } else {
      lastError = result.error;
    }
  }
  if (delivered) return { status: 'delivered' };
  if (!lastError) return { status: 'skipped', reason: 'no-subscription' };
  return { status: 'failed', error: lastError };
};

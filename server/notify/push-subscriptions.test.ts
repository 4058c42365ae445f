// Web Push devices through the API against a real database: each person's own devices only, clear field
// errors for a bad subscription, the audit trail (the push address's origin only), and the test notification.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, pushSubscriptions } from '~/db/schema';
import { appFieldErrors, callerFor, httpCall, makePatient, makeUser, rejection } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';
import { startPushService, testBrowser, type LocalPushService } from '~/server/test/push-service';
import { forgetSubscription, markPushDelivered, MAX_DEVICES_PER_USER, pushTargets } from './push-subscriptions';

const h = fileTestDb();
let service: LocalPushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(async () => {
  await service.close();
});

let n = 0;
/** A browser whose push address is on the local push service. */
function browser(name = 'device') {
  n += 1;
  return testBrowser(`${service.origin}/push/${name}-${n}-${Date.now()}`);
}
const asInput = (b: ReturnType<typeof browser>, label = 'Firefox on Linux') => ({ endpoint: b.endpoint, p256dh: b.p256dh, auth: b.auth, label });

async function auditOf(entityId: string) {
  return h.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'push_subscription'), eq(auditEvents.entityId, entityId)));
}

describe('a person’s devices', () => {
  it('subscribes, lists and turns off the caller’s own device, with audit events that keep only the push service’s origin', async () => {
    const me = await makeUser(h.db, 'clinician');
    const api = callerFor(h.db, me);
    const b = browser();
    expect(await api.push.list()).toEqual([]);

    const { id } = await api.push.subscribe(asInput(b, '  Chrome on Android  '));
    expect(await api.push.list()).toEqual([{ id, label: 'Chrome on Android', endpoint: b.endpoint, createdAt: expect.any(Date), lastDeliveredAt: null }]);
    expect(await pushTargets(h.db, me.id)).toEqual([{ id, endpoint: b.endpoint, p256dh: b.p256dh, auth: b.auth }]);

    await expect(api.push.unsubscribe({ endpoint: b.endpoint })).resolves.toEqual({ ok: true });
    expect(await api.push.list()).toEqual([]);

    const audit = await auditOf(id);
    expect(audit.map((a) => [a.action, a.actorId, a.patientId])).toEqual([['push.subscribe', me.id, null], ['push.unsubscribe', me.id, null]]);
    expect(audit[0]?.after).toEqual({ origin: service.origin, label: 'Chrome on Android' });
    expect(audit[1]?.before).toEqual({ origin: service.origin, label: 'Chrome on Android' });
    for (const event of audit) {
      const text = JSON.stringify([event.before, event.after]);
      expect(text).not.toContain('/push/');
      expect(text).not.toContain(b.p256dh);
      expect(text).not.toContain(b.auth);
    }
  });

  it('records a patient’s device events against the patient, and turns off another of their devices by its id', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const api = callerFor(h.db, patient);
    const phone = await api.push.subscribe(asInput(browser('phone'), 'Safari on iPhone'));
    const laptop = await api.push.subscribe(asInput(browser('laptop'), 'Firefox on Windows'));
    expect((await api.push.list()).map((d) => d.label)).toEqual(['Safari on iPhone', 'Firefox on Windows']);
    await api.push.unsubscribe({ id: phone.id });
    expect((await api.push.list()).map((d) => d.id)).toEqual([laptop.id]);
    expect((await auditOf(phone.id)).map((a) => [a.action, a.patientId])).toEqual([['push.subscribe', patient.id], ['push.unsubscribe', patient.id]]);
  });

  it('updates a browser that subscribes again, and moves its address to whoever subscribes it now', async () => {
    const first = await makeUser(h.db, 'clinician');
    const second = await makeUser(h.db, 'clinician');
    const b = browser();
    const { id } = await callerFor(h.db, first).push.subscribe(asInput(b, 'Old name'));
    const renewed = testBrowser(b.endpoint);
    await expect(callerFor(h.db, first).push.subscribe(asInput(renewed, 'New name'))).resolves.toEqual({ id });
    expect(await pushTargets(h.db, first.id)).toEqual([{ id, endpoint: b.endpoint, p256dh: renewed.p256dh, auth: renewed.auth }]);

    // Someone else signs in on the same browser and turns notifications on: the device is theirs now.
    await expect(callerFor(h.db, second).push.subscribe(asInput(renewed, 'Shared tablet'))).resolves.toEqual({ id });
    expect(await callerFor(h.db, first).push.list()).toEqual([]);
    expect((await callerFor(h.db, second).push.list()).map((d) => [d.id, d.label])).toEqual([[id, 'Shared tablet']]);
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'push.subscribe', actorId: second.id, after: { origin: service.origin, label: 'Shared tablet', fromAnotherAccount: true } });
  });

  it('lets nobody else turn off a device: by id or by address, the answer is NOT_FOUND and the device stays', async () => {
    const owner = await makeUser(h.db, 'clinician');
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const b = browser();
    const { id } = await callerFor(h.db, owner).push.subscribe(asInput(b));
    for (const input of [{ id }, { endpoint: b.endpoint }]) {
      const error = await rejection(callerFor(h.db, patient).push.unsubscribe(input));
      expect([error.code, error.message]).toEqual(['NOT_FOUND', 'This device is not receiving notifications for your account.']);
    }
    // The same answer as for a device that does not exist at all.
    const unknown = await rejection(callerFor(h.db, patient).push.unsubscribe({ id: crypto.randomUUID() }));
    expect([unknown.code, unknown.message]).toEqual(['NOT_FOUND', 'This device is not receiving notifications for your account.']);
    expect((await callerFor(h.db, owner).push.list()).map((d) => d.id)).toEqual([id]);
    expect(await callerFor(h.db, patient).push.list()).toEqual([]);
  });

  it('keeps at most 20 devices a person: one more replaces the one unused longest', async () => {
    const me = await makeUser(h.db, 'clinician');
    const api = callerFor(h.db, me);
    const ids: string[] = [];
    for (let i = 0; i < MAX_DEVICES_PER_USER; i++) ids.push((await api.push.subscribe(asInput(browser(), `Device ${i}`))).id);
    const [oldest, second] = ids;
    if (!oldest || !second) throw new Error('no devices');
    await markPushDelivered(h.db, oldest, new Date());
    const newest = await api.push.subscribe(asInput(browser(), 'Device 20'));
    const now = (await api.push.list()).map((d) => d.id);
    expect(now).toHaveLength(MAX_DEVICES_PER_USER);
    expect(now).toContain(newest.id);
    expect(now).toContain(oldest);
    expect(now).not.toContain(second);
    expect((await auditOf(second)).at(-1)).toMatchObject({ action: 'push.unsubscribe', after: { reason: 'replaced by a newer device' } });
  });
});

describe('a bad subscription', () => {
  it('is refused with BAD_REQUEST and an error beside each field, over HTTP too (400, never 500)', async () => {
    const me = await makeUser(h.db, 'clinician');
    const good = browser();
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
    const cases: [Record<string, unknown>, string][] = [
      [{ p256dh: good.p256dh.slice(0, 60) }, 'p256dh'],
      [{ p256dh: notOnCurve }, 'p256dh'],
      [{ p256dh: 'not base64 at all!' }, 'p256dh'],
      [{ auth: good.auth + 'AAAA' }, 'auth'],
      [{ auth: undefined }, 'auth'],
      [{ endpoint: 'http://push.example.com/send/1' }, 'endpoint'],
      [{ endpoint: 'https://intranet/send/1' }, 'endpoint'],
      [{ endpoint: 'https://10.1.2.3/send/1' }, 'endpoint'],
      [{ endpoint: 'https://user:secret@push.example.com/send/1' }, 'endpoint'],
      [{ endpoint: 'not a url' }, 'endpoint'],
      [{ label: 'x'.repeat(101) }, 'label'],
    ];
    for (const [change, field] of cases) {
      const input = { ...asInput(good), ...change };
      const error = await rejection(callerFor(h.db, me).push.subscribe(input as never));
      expect([JSON.stringify(change), error.code]).toEqual([JSON.stringify(change), 'BAD_REQUEST']);
      const res = await httpCall(h.db, me, 'push.subscribe', input);
      expect(res.status).toBe(400);
      expect(Object.keys(res.error?.data.fieldErrors ?? {})).toEqual([field]);
    }
    expect(await callerFor(h.db, me).push.list()).toEqual([]);
    expect(appFieldErrors(await rejection(callerFor(h.db, me).push.unsubscribe({ id: crypto.randomUUID() })))).toBeUndefined();
  });

  it('accepts the keys as browsers send them, padding included', async () => {
    const me = await makeUser(h.db, 'clinician');
    const b = browser();
    await callerFor(h.db, me).push.subscribe({ ...asInput(b), p256dh: `${b.p256dh}=`, auth: `${b.auth}==` });
    expect(await pushTargets(h.db, me.id)).toEqual([expect.objectContaining({ p256dh: b.p256dh, auth: b.auth })]);
  });

  it('needs exactly one of id and address to turn a device off', async () => {
    const me = await makeUser(h.db, 'clinician');
    for (const input of [{}, { id: crypto.randomUUID(), endpoint: 'https://push.example.com/x' }]) {
      const res = await httpCall(h.db, me, 'push.unsubscribe', input);
      expect(res.status).toBe(400);
      expect(res.error?.message).toBe('Say which device: its identifier or its push address, one of them.');
    }
  });
});

describe('the test notification', () => {
  it('reaches each of the caller’s devices through their push service, and says which did', async () => {
    const me = await makeUser(h.db, 'clinician');
    const other = await makeUser(h.db, 'clinician');
    const api = callerFor(h.db, me);
    const phone = browser('phone');
    const laptop = browser('laptop');
    const theirs = browser('theirs');
    const phoneId = (await api.push.subscribe(asInput(phone, 'Phone'))).id;
    const laptopId = (await api.push.subscribe(asInput(laptop, 'Laptop'))).id;
    await callerFor(h.db, other).push.subscribe(asInput(theirs));

    const result = await api.push.test();
    expect(result.devices).toEqual([
      { id: phoneId, label: 'Phone', ok: true, removed: false },
      { id: laptopId, label: 'Laptop', ok: true, removed: false },
    ]);
    for (const b of [phone, laptop]) {
      const request = service.received.find((r) => b.endpoint.endsWith(r.path));
      if (!request) throw new Error('the test notification did not reach the push service');
      expect(JSON.parse(b.decrypt(request.body))).toEqual({ title: 'Taperline test notification', body: 'Notifications reach this device.', url: '/account', tag: 'taperline-test' });
      expect(request.headers.urgency).toBe('normal');
    }
    expect(service.received.some((r) => theirs.endpoint.endsWith(r.path))).toBe(false);
    expect((await api.push.list()).every((d) => d.lastDeliveredAt instanceof Date)).toBe(true);
  });

  it('removes a device its push service no longer knows, and reports one that failed without removing it', async () => {
    const me = await makeUser(h.db, 'clinician');
    const api = callerFor(h.db, me);
    const gone = browser('gone');
    const busy = browser('busy');
    service.answer(new URL(gone.endpoint).pathname, 410);
    service.answer(new URL(busy.endpoint).pathname, 500);
    const goneId = (await api.push.subscribe(asInput(gone, 'Old phone'))).id;
    const busyId = (await api.push.subscribe(asInput(busy, 'Tablet'))).id;
    expect((await api.push.test()).devices).toEqual([
      { id: goneId, label: 'Old phone', ok: false, removed: true },
      { id: busyId, label: 'Tablet', ok: false, removed: false },
    ]);
    expect((await api.push.list()).map((d) => d.id)).toEqual([busyId]);
    expect((await auditOf(goneId)).at(-1)).toMatchObject({ action: 'push.forget', actorId: null, before: { userId: me.id, origin: service.origin, label: 'Old phone' } });
  });

  it('sends nothing for a person without devices', async () => {
    const me = await makeUser(h.db, 'admin');
    const before = service.received.length;
    await expect(callerFor(h.db, me).push.test()).resolves.toEqual({ devices: [] });
    expect(service.received.length).toBe(before);
  });

  it('gives the public key browsers subscribe with', async () => {
    const me = await makeUser(h.db, 'clinician');
    await expect(callerFor(h.db, me).push.publicKey()).resolves.toBe(process.env.VAPID_PUBLIC_KEY);
  });
});

describe('the worker’s side', () => {
  it('forgets a gone subscription once, and notes deliveries', async () => {
    const me = await makeUser(h.db, 'clinician');
    const { id } = await callerFor(h.db, me).push.subscribe(asInput(browser()));
    const at = new Date('2026-03-01T08:00:00Z');
    await markPushDelivered(h.db, id, at);
    const [row] = await h.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id));
    expect(row?.lastDeliveredAt?.toISOString()).toBe(at.toISOString());
    await expect(forgetSubscription(h.db, id)).resolves.toBe(true);
    await expect(forgetSubscription(h.db, id)).resolves.toBe(false);
    expect(await pushTargets(h.db, me.id)).toEqual([]);
    expect((await auditOf(id)).filter((a) => a.action === 'push.forget')).toHaveLength(1);
  });
});

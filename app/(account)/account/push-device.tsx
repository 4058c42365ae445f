'use client';
// Notifications on this device: turning Web Push on and off for this browser, a test notification, and the
// account's other devices. Says plainly when the browser or the server cannot do push, or when it is blocked.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Badge, Button, Notice } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';
import { deviceParts } from '~/lib/notify/device-label';

type Status = 'checking' | 'unsupported' | 'denied' | 'off' | 'on';
type Message = { tone: 'success' | 'error' | 'info'; text: string };

const WORKER = '/sw.js';

function pushSupported(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** The key as the push manager takes it: the bytes of the URL-safe base64 public key. */
function keyBytes(key: string): Uint8Array<ArrayBuffer> {
  const base64 = key.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (key.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/** This browser's current subscription, if it has one (without registering the worker just to ask). */
async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

async function inspectBrowser(): Promise<{ status: Status; endpoint: string | null }> {
  if (!pushSupported()) return { status: 'unsupported', endpoint: null };
  if (Notification.permission === 'denied') return { status: 'denied', endpoint: null };
  try {
    const subscription = await currentSubscription();
    return { status: subscription ? 'on' : 'off', endpoint: subscription?.endpoint ?? null };
  } catch {
    return { status: 'off', endpoint: null };
  }
}

export function PushDevice({ timeZone }: { timeZone: string }) {
  const t = useTranslations('Push');
  const network = useNetworkWords();
  const tc = useTranslations('Common');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const publicKey = useQuery(trpc.push.publicKey.queryOptions());
  const devices = useQuery(trpc.push.list.queryOptions());
  const subscribe = useMutation(trpc.push.subscribe.mutationOptions());
  const unsubscribe = useMutation(trpc.push.unsubscribe.mutationOptions());
  const test = useMutation(trpc.push.test.mutationOptions());

  const [status, setStatus] = useState<Status>('checking');
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [busy, setBusy] = useState<'on' | 'off' | 'test' | string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [testLines, setTestLines] = useState<string[] | null>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const devicesTitleId = useId();
  const moveFocus = useRef(false);

  const serverEndpoints = devices.data?.map((d) => d.endpoint);
  const serverKnowsEndpoint = endpoint !== null && (serverEndpoints?.includes(endpoint) ?? false);

  // What this browser can do and has done, read once after it renders.
  useEffect(() => {
    let cancelled = false;
    inspectBrowser().then((found) => {
      if (cancelled) return;
      setEndpoint(found.endpoint);
      setStatus(found.status);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // Focus follows the action, so keyboard and screen-reader users are not left on a vanished button.
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    primaryRef.current?.focus();
  }, [status, endpoint]);

  const refreshDevices = () => queryClient.invalidateQueries({ queryKey: trpc.push.list.queryKey() });

  function deviceLabel(): string {
    const { browser, os } = deviceParts(navigator.userAgent);
    if (browser && os) return t('deviceLabel', { browser, os });
    return browser ?? os ?? t('unknownBrowser');
  }

  async function turnOn(key: string) {
    setBusy('on');
    setMessage(null);
    setTestLines(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission === 'denied') {
        moveFocus.current = true;
        setStatus('denied');
        return;
      }
      if (permission !== 'granted') {
        setMessage({ tone: 'info', text: t('permissionNotGiven') });
        return;
      }
      let subscription: PushSubscription;
      try {
        await navigator.serviceWorker.register(WORKER, { scope: '/', updateViaCache: 'none' });
        const registration = await navigator.serviceWorker.ready;
        const applicationServerKey = keyBytes(key);
        const existing = await registration.pushManager.getSubscription();
        // A subscription made for another key (the server's keys changed) cannot receive from this server.
        if (existing && !sameKey(existing.options.applicationServerKey, applicationServerKey)) await existing.unsubscribe();
        subscription = existing && sameKey(existing.options.applicationServerKey, applicationServerKey)
          ? existing
          : await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
      } catch (caught) {
        const name = (caught as { name?: string } | null)?.name;
        if (name === 'NotAllowedError') {
          moveFocus.current = true;
          setStatus('denied');
          return;
        }
        // Chromium without a push service (headless, some private windows) refuses with AbortError or NotSupportedError.
        setMessage({ tone: 'error', text: name === 'AbortError' || name === 'NotSupportedError' ? t('noPushService') : t('subscribeFailed') });
        return;
      }
      const keys = subscription.toJSON().keys ?? {};
      try {
        await subscribe.mutateAsync({ endpoint: subscription.endpoint, p256dh: keys.p256dh ?? '', auth: keys.auth ?? '', label: deviceLabel() });
      } catch (caught) {
        setMessage({ tone: 'error', text: formErrorFrom(caught, tc('errorGeneric'), network).message });
        return;
      }
      await refreshDevices();
      moveFocus.current = true;
      setEndpoint(subscription.endpoint);
      setStatus('on');
      setMessage({ tone: 'success', text: t('onDone') });
    } finally {
      setBusy(null);
    }
  }

  async function turnOff() {
    setBusy('off');
    setMessage(null);
    setTestLines(null);
    try {
      const subscription = await currentSubscription().catch(() => null);
      const address = subscription?.endpoint ?? endpoint;
      await subscription?.unsubscribe().catch(() => false);
      if (address) {
        try {
          await unsubscribe.mutateAsync({ endpoint: address });
        } catch (caught) {
          // Already gone on the server (removed from another device): off is off.
          if (formErrorFrom(caught, '', network).code !== 'NOT_FOUND') {
            setMessage({ tone: 'error', text: formErrorFrom(caught, tc('errorGeneric'), network).message });
            return;
          }
        }
      }
      await refreshDevices();
      moveFocus.current = true;
      setEndpoint(null);
      setStatus('off');
      setMessage({ tone: 'success', text: t('offDone') });
    } finally {
      setBusy(null);
    }
  }

  async function removeDevice(id: string, label: string) {
    setBusy(id);
    setMessage(null);
    try {
      await unsubscribe.mutateAsync({ id });
      setMessage({ tone: 'success', text: t('removedDevice', { label }) });
    } catch (caught) {
      if (formErrorFrom(caught, '', network).code !== 'NOT_FOUND') setMessage({ tone: 'error', text: formErrorFrom(caught, tc('errorGeneric'), network).message });
    } finally {
      await refreshDevices();
      setBusy(null);
    }
  }

  async function sendTest() {
    setBusy('test');
    setMessage(null);
    setTestLines(null);
    try {
      const result = await test.mutateAsync();
      if (result.devices.length === 0) {
        setMessage({ tone: 'info', text: t('testNoDevices') });
        return;
      }
      setTestLines(
        result.devices.map((d) => {
          const label = d.label || t('unnamedDevice');
          return d.ok ? t('testSent', { label }) : d.removed ? t('testRemoved', { label }) : t('testFailed', { label });
        }),
      );
      if (result.devices.some((d) => d.removed)) await refreshDevices();
    } catch (caught) {
      setMessage({ tone: 'error', text: formErrorFrom(caught, tc('errorGeneric'), network).message });
    } finally {
      setBusy(null);
    }
  }

  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const loading = status === 'checking' || publicKey.isPending || devices.isPending;
  const loadFailed = publicKey.isError || devices.isError;
  const key = publicKey.data ?? null;
  const on = status === 'on' && serverKnowsEndpoint;

  let body: ReactNode;
  if (loadFailed) body = <Notice tone="error">{tc('errorRetryable')}</Notice>;
  else if (loading) body = <p className="text-slate-700">{t('checking')}</p>;
  else if (key === null) body = <Notice tone="info">{t('notConfigured')}</Notice>;
  else if (status === 'unsupported') body = <Notice tone="info">{t('unsupported')}</Notice>;
  else if (status === 'denied') body = <Notice tone="warning" title={t('deniedTitle')}>{t('deniedHelp')}</Notice>;
  else if (on) {
    body = (
      <div className="flex flex-col gap-3">
        <p className="font-medium text-slate-900">{t('onStatus')}</p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Button ref={primaryRef} disabled={busy !== null} onClick={sendTest}>
            {busy === 'test' ? t('sendingTest') : t('sendTest')}
          </Button>
          <Button variant="secondary" disabled={busy !== null} onClick={turnOff}>
            {busy === 'off' ? t('turningOff') : t('turnOff')}
          </Button>
        </div>
      </div>
    );
  } else {
    body = (
      <div className="flex flex-col gap-3">
        <p className="font-medium text-slate-900">{t('offStatus')}</p>
        <div>
          <Button ref={primaryRef} className="w-full sm:w-auto" disabled={busy !== null} onClick={() => turnOn(key)}>
            {busy === 'on' ? t('turningOn') : t('turnOn')}
          </Button>
        </div>
      </div>
    );
  }

  const list = devices.data ?? [];
  return (
    <div className="flex flex-col gap-4">
      <p className="text-slate-700">{t('intro')}</p>
      <div>
        {body}
        <div role="status" aria-live="polite">
          {message && message.tone !== 'error' && (
            <div className="mt-4">
              <Notice tone={message.tone}>{message.text}</Notice>
            </div>
          )}
          {testLines && (
            <div className="mt-4">
              <Notice tone="info" title={t('testIntro')}>
                <ul className="list-disc pl-5">
                  {testLines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <p className="mt-2">{t('testHint')}</p>
              </Notice>
            </div>
          )}
        </div>
        <div role="alert">
          {message?.tone === 'error' && (
            <div className="mt-4">
              <Notice tone="error">{message.text}</Notice>
            </div>
          )}
        </div>
      </div>
      {!loading && !loadFailed && key !== null && (
        <section aria-labelledby={devicesTitleId} className="flex flex-col gap-2">
          <h3 id={devicesTitleId} className="text-lg font-semibold text-slate-900">{t('devicesTitle')}</h3>
          {list.length === 0 ? (
            <p className="text-slate-700">{t('devicesEmpty')}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200">
              {list.map((device) => {
                const label = device.label || t('unnamedDevice');
                const mine = device.endpoint === endpoint && status === 'on';
                return (
                  <li key={device.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                        <span className="break-words">{label}</span>
                        {mine && <Badge tone="brand">{t('thisDevice')}</Badge>}
                      </p>
                      <p className="text-sm text-slate-700">
                        {t('turnedOnAt', { date: when(device.createdAt) })}
                        {' · '}
                        {device.lastDeliveredAt ? t('lastNotification', { date: when(device.lastDeliveredAt) }) : t('noNotificationYet')}
                      </p>
                    </div>
                    {!mine && (
                      <Button variant="secondary" className="shrink-0" disabled={busy !== null} onClick={() => removeDevice(device.id, label)}>
                        {busy === device.id ? t('removing') : t('removeDevice', { label })}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

// The phone's own copy of check-ins not yet sent, in IndexedDB (hand-written: a library would cost the
// check-in page more than these few lines), and who they belong to. Nothing else is kept: an item is
// deleted once the server has it, and the whole database on sign-out or when another patient signs in.
import type { SubmitInput } from '~/app/(patient)/patient/check-in/types';

const DB_NAME = 'taperline-offline';
const PENDING = 'pending';
const META = 'meta';

/** A check-in saved on this phone: the API's input itself, idempotency key included, so a resend is the same submission. */
export interface PendingCheckIn {
  input: SubmitInput;
  /** When the patient pressed send (ms since 1970), to show and to send the oldest first. */
  savedAt: number;
}

/** Who the phone's offline data belongs to: the signed-in patient's id and time zone (for "today" offline), nothing more. */
export interface OfflineOwner {
  userId: string;
  timeZone: string;
}

export const offlineSupported = () => typeof indexedDB !== 'undefined';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(PENDING, { keyPath: 'input.idempotencyKey' });
    req.result.createObjectStore(META);
  };
  return request(req);
}

/** Runs one transaction on one store and closes the database after it, so a deletion on sign-out is never blocked by an open connection. */
async function withStore<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(store, mode);
    const result = request(work(tx.objectStore(store)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return await result;
  } finally {
    db.close();
  }
}

export async function listPending(): Promise<PendingCheckIn[]> {
  if (!offlineSupported()) return [];
  const all = await withStore(PENDING, 'readonly', (s) => s.getAll() as IDBRequest<PendingCheckIn[]>);
  return all.sort((a, b) => a.savedAt - b.savedAt);
}

export function putPending(item: PendingCheckIn): Promise<IDBValidKey> {
  return withStore(PENDING, 'readwrite', (s) => s.put(item));
}

export function deletePending(idempotencyKey: string): Promise<undefined> {
  return withStore(PENDING, 'readwrite', (s) => s.delete(idempotencyKey));
}

export async function getOwner(): Promise<OfflineOwner | null> {
  if (!offlineSupported()) return null;
  return ((await withStore(META, 'readonly', (s) => s.get('owner') as IDBRequest<OfflineOwner | undefined>)) ?? null);
}

export function setOwner(owner: OfflineOwner): Promise<IDBValidKey> {
  return withStore(META, 'readwrite', (s) => s.put(owner, 'owner'));
}

/**
 * The service worker may be caching the offline shell right now: it wipes its caches itself, after that
 * pass, so nothing is written after the wipe. A worker that does not answer within 3 s is not waited for.
 */
async function askWorkerToWipe(): Promise<void> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const worker = (await navigator.serviceWorker.getRegistration('/'))?.active;
  if (!worker) return;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, 3000);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage({ type: 'wipe' }, [channel.port2]);
  });
}

/**
 * Deletes everything this app keeps on the phone for working offline: the database (pending check-ins and
 * their owner) and every cache of the service worker. Run before sign-out and when another patient signs
 * in. Never throws: signing out must go on even where storage is unavailable.
 */
export async function wipeOfflineData(): Promise<void> {
  const jobs: Promise<unknown>[] = [askWorkerToWipe()];
  if (offlineSupported()) {
    jobs.push(
      new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase(DB_NAME);
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      }),
    );
  }
  if (typeof caches !== 'undefined') jobs.push(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
  await Promise.allSettled(jobs);
}

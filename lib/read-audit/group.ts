// The patient's "who looked at my record": reads grouped by the patient's own day, then by the person who read.
import { localDate } from '~/lib/dates';
import type { ReadTopic } from './what';

export interface OthersRead {
  at: Date;
  actorId: string;
  name: string;
  role: 'patient' | 'clinician' | 'admin';
  profession: string | null;
  discipline: string | null;
  topic: ReadTopic;
}

export interface ReaderOnDay {
  actorId: string;
  name: string;
  role: OthersRead['role'];
  /** Their discipline on the care team now, else their profession: what the patient knows them as. */
  discipline: string | null;
  first: Date;
  last: Date;
  times: number;
  /** What they looked at, in the order first looked at. */
  topics: ReadTopic[];
}

/** Newest day first; on each day, the person who looked most recently first. `reads` may come in any order. */
export function groupReadsByDay(reads: readonly OthersRead[], timeZone: string): { day: string; readers: ReaderOnDay[] }[] {
  const days = new Map<string, Map<string, ReaderOnDay>>();
  for (const read of [...reads].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const day = localDate(timeZone, read.at);
    let readers = days.get(day);
    if (!readers) days.set(day, (readers = new Map()));
    const seen = readers.get(read.actorId);
    if (seen) {
      seen.last = read.at;
      seen.times += 1;
      if (!seen.topics.includes(read.topic)) seen.topics.push(read.topic);
    } else {
      readers.set(read.actorId, {
        actorId: read.actorId, name: read.name, role: read.role, discipline: read.discipline ?? read.profession, first: read.at, last: read.at, times: 1, topics: [read.topic],
      });
    }
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([day, readers]) => ({ day, readers: [...readers.values()].sort((a, b) => b.last.getTime() - a.last.getTime()) }));
}

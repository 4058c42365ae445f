'use client';
// A time zone select over the browser's IANA zones, with the browser's own zone as the natural default.
import { useSyncExternalStore, type ReactNode } from 'react';
import { SelectField } from '~/app/_components/fields/text';

interface BrowserZones {
  zones: readonly string[];
  browserZone: string;
}

let cached: BrowserZones | null = null;
function readZones(): BrowserZones {
  cached ??= {
    zones: Intl.supportedValuesOf('timeZone'),
    browserZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  return cached;
}
const noSubscription = () => () => {};

/**
 * The browser's zones, or null while rendering on the server: the list and the default differ between
 * Node and the browser, so reading them only after hydration keeps the first render identical.
 */
export function useBrowserZones(): BrowserZones | null {
  return useSyncExternalStore(noSubscription, readZones, () => null);
}

export function TimeZoneField({
  value,
  onChange,
  label,
  hint,
  error,
  name = 'timeZone',
}: {
  value: string;
  onChange: (zone: string) => void;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[];
  name?: string;
}) {
  const browser = useBrowserZones();
  const zones = browser ? browser.zones : [];
  // The saved zone may be one the browser's list leaves out (for example "UTC"); it must stay selectable.
  const options = zones.includes(value) ? zones : [value, ...zones];
  return (
    <SelectField name={name} label={label} hint={hint} error={error} value={value} onChange={(e) => onChange(e.target.value)} required>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </SelectField>
  );
}

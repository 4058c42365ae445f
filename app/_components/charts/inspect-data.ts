// What the clinician's on-demand chart inspector is given: the chart's spans (a step, a day) with their values already
// written in the reader's language on the server, so the browser code needs no messages and no formatting.
export interface InspectColumn {
  label: string;
  /** A score the reader can hide with the chart's checkboxes: hidden scores are left out of the inspector too. */
  metric?: string;
}

export interface InspectRow {
  /** The span's left and right edges in plot coordinates (0 to PLOT.width). */
  x1: number;
  x2: number;
  title: string;
  /** One per column; null where the span has no value. */
  values: (string | null)[];
}

export interface InspectData {
  /** The buttons' and the inspector's words. */
  labels: { open: string; inspector: string; hint: string };
  columns: InspectColumn[];
  rows: InspectRow[];
}

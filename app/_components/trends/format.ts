// Calendar dates for the trends views: a local date is a day, not an instant, so it is placed and shown on the UTC calendar.
export const ms = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getTime();

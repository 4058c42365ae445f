// How many random cases a property test tries: a few hundred in the everyday run, and as many as
// PROPERTY_RUNS says in the long run (`npm run test:properties` asks for 10,000 per property).
export function propertyRuns(everyday: number): number {
  const asked = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(asked) && asked > 0 ? Math.max(asked, everyday) : everyday;
}

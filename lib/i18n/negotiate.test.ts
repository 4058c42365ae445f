import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './negotiate';

describe('negotiateLocale', () => {
  it("takes the language chosen on this device first, then the browser's preference, then English", () => {
    expect(negotiateLocale('en-GB,en;q=0.9', 'es')).toBe('es');
    expect(negotiateLocale('es-MX,es;q=0.9,en;q=0.8')).toBe('es');
    expect(negotiateLocale('fr-FR,es;q=0.5,en;q=0.4')).toBe('es');
    expect(negotiateLocale('fr-FR,en;q=0.5,es;q=0.4')).toBe('en');
    expect(negotiateLocale('de')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });

  it('ignores a chosen value that is not a language of the app, and a malformed header', () => {
    expect(negotiateLocale('es', 'xx')).toBe('es');
    expect(negotiateLocale('!!!,;;;q=abc')).toBe('en');
    expect(negotiateLocale('*')).toBe('en');
  });
});

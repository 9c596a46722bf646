import { describe, expect, it } from 'vitest';
import { parsePayload, presetsFor } from './presets';

describe('command presets', () => {
  it('speaks each version in its own words', () => {
    const reset16 = presetsFor('ocpp1.6').find((p) => p.id === 'reset-soft');
    expect(reset16).toMatchObject({ action: 'Reset', payload: { type: 'Soft' } });
    const reset201 = presetsFor('ocpp2.0.1').find((p) => p.id === 'reset-now');
    expect(reset201).toMatchObject({ action: 'Reset', payload: { type: 'Immediate' } });
    expect(presetsFor('ocpp2.1').map((p) => p.action)).toContain('RequestStartTransaction');
    expect(presetsFor('ocpp1.6').map((p) => p.action)).toContain('RemoteStartTransaction');
    expect(presetsFor(null)).toEqual([]);
  });

  it('accepts only a JSON object as payload', () => {
    expect(parsePayload('{"type":"Soft"}')).toEqual({ ok: true, value: { type: 'Soft' } });
    expect(parsePayload('[1]').ok).toBe(false);
    expect(parsePayload('null').ok).toBe(false);
    expect(parsePayload('{type:').ok).toBe(false);
  });
});

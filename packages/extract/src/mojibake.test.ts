import { describe, expect, it } from 'vitest';
import { repairMojibake } from './mojibake.js';

describe('repairMojibake', () => {
  it('decodes UTF-8 read as Latin-1 where a C1 control shows it, and then every garbled character of the text', () => {
    expect(repairMojibake('A DIY Investor\u00e2\u0080\u0099s Guide')).toBe('A DIY Investor’s Guide');
    expect(repairMojibake('Caf\u00c3\u00a9 \u00e2\u0080\u0094 open')).toBe('Café — open');
  });

  it('decodes a character of any script whose garbled run holds a C1 control, even alone', () => {
    // "国" (E5 9B BD) and an emoji (F0 9F 98 80): leads the three-runs rule leaves alone.
    expect(repairMojibake('\u00e5\u009b\u00bd news \u00f0\u009f\u0098\u0080')).toBe('国 news 😀');
  });

  it('decodes UTF-8 read as Windows-1252 when the text shows it three times', () => {
    expect(repairMojibake('donâ€™t canâ€™t wonâ€™t')).toBe('don’t can’t won’t');
    expect(repairMojibake('donâ€™t canâ€™t')).toBe('donâ€™t canâ€™t');
  });

  it('leaves real Latin-1 text alone', () => {
    expect(repairMojibake('Ãlvaro Señor – Café')).toBe('Ãlvaro Señor – Café');
    expect(repairMojibake('Â¿Qué?')).toBe('Â¿Qué?');
  });
});

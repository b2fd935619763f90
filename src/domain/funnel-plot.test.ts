import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assessUnit,
  controlLimit,
  controlLimits,
  funnelCurves,
  funnelPosition,
  normalUpperTail,
  overDispersion,
  standardDays,
  zeroIsWithinChance,
  Z_95,
  Z_998,
} from './funnel-plot.ts';

function near(actual: number, expected: number, message = '') {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${message} expected ${expected}, got ${actual}`);
}

test('n is hours available in standard days of F / 5 hours', () => {
  near(standardDays(7400, 37), 1000); // 7.4-hour days
  near(standardDays(750, 37.5), 100); // 7.5-hour days
  assert.equal(standardDays(100, 0), 0);
});

test('the limits are p ± z √(p(1 − p)/n): hand-worked for p = 4%, n = 1,000 days', () => {
  // p(1 − p)/n = 0.04 × 0.96 / 1000 = 0.0000384; its square root is 0.00619677335…
  // 1.96 × 0.00619677335 = 0.01214567578; 3.09 × 0.00619677335 = 0.01914802966.
  const limits = controlLimits(0.04, 1000);
  near(limits.lower95, 0.04 - 0.0121456757737065, 'lower 95%');
  near(limits.upper95, 0.04 + 0.0121456757737065, 'upper 95%');
  near(limits.lower998, 0.04 - 0.0191480296636495, 'lower 99.8%');
  near(limits.upper998, 0.04 + 0.0191480296636495, 'upper 99.8%');
  assert.equal(Z_95, 1.96);
  assert.equal(Z_998, 3.09);
});

test('small units get wide limits, and a lower limit below 0 is 0: p = 5%, n = 100 days', () => {
  // √(0.05 × 0.95 / 100) = √0.000475 = 0.0217944947…
  const limits = controlLimits(0.05, 100);
  near(limits.lower95, 0.05 - 1.96 * 0.0217944947177034);
  near(limits.upper95, 0.0927172096466986);
  near(limits.upper998, 0.1173449886777034);
  assert.equal(limits.lower998, 0); // 0.05 − 0.0673 is below nothing
  assert.equal(controlLimit(0.9, 1, 3.09), 1); // and no limit above 100%
});

test('counting n in hours would make the limits √7.4 times narrower than counting days', () => {
  const days = controlLimits(0.04, standardDays(7400, 37));
  const hours = controlLimits(0.04, 7400);
  near((days.upper95 - 0.04) / (hours.upper95 - 0.04), Math.sqrt(7.4));
});

test('a rate strictly beyond a limit is outside it; on the limit is within', () => {
  const limits = controlLimits(0.04, 1000);
  assert.equal(funnelPosition(0.06, limits), 'above-998');
  assert.equal(funnelPosition(0.055, limits), 'above-95');
  assert.equal(funnelPosition(limits.upper95, limits), 'within');
  assert.equal(funnelPosition(0.04, limits), 'within');
  assert.equal(funnelPosition(0.027, limits), 'below-95');
  assert.equal(funnelPosition(0.02, limits), 'below-998');
});

test('a unit is judged by its hours lost over hours available, against limits for its size', () => {
  // 7,400 hours available at 37 hours a week is 1,000 standard days.
  const judged = (hoursLost: number) => assessUnit({ hoursAvailable: 7400, hoursLost }, 0.04, 37);
  assert.equal(judged(444)?.position, 'above-998'); // 6.0%
  assert.equal(judged(400)?.position, 'above-95'); // 5.41%
  assert.equal(judged(296)?.position, 'within'); // 4.0%
  assert.equal(judged(200)?.position, 'below-95'); // 2.70%
  assert.equal(judged(150)?.position, 'below-998'); // 2.03%
  near(judged(296)?.rate ?? NaN, 0.04);
  near(judged(296)?.limits.n ?? NaN, 1000);
  // The same 6% in a unit a tenth of the size is within its wider limits.
  assert.equal(assessUnit({ hoursAvailable: 740, hoursLost: 44.4 }, 0.04, 37)?.position, 'within');
  assert.equal(assessUnit({ hoursAvailable: 0, hoursLost: 0 }, 0.04, 37), null);
});

test('the curves for drawing run across the range in percentages', () => {
  const curves = funnelCurves(0.04, 37, 740, 7400, 10);
  assert.equal(curves.length, 10);
  near(curves[0]?.hours ?? NaN, 740);
  near(curves.at(-1)?.hours ?? NaN, 7400);
  near(curves.at(-1)?.upper95 ?? NaN, 100 * (0.04 + 0.0121456757737065));
  assert.ok((curves[0]?.upper998 ?? 0) > (curves.at(-1)?.upper998 ?? 0), 'the funnel narrows');
});

test('the normal tail matches the limits: 2.5% beyond 1.96 and 0.1% beyond 3.09', () => {
  assert.ok(Math.abs(normalUpperTail(Z_95) - 0.025) < 1e-4);
  assert.ok(Math.abs(normalUpperTail(Z_998) - 0.001) < 1e-4);
  assert.ok(Math.abs(normalUpperTail(0) - 0.5) < 1e-6);
});

test('units that scatter more than independent days allow widen the limits by √φ', () => {
  // Twelve one-person teams of a year's hours (230 days, 1,702 hours at 37 a week): most have
  // little sickness, a few long spells, as absence comes. The organisation's rate is about 4.6%.
  const year = 1702;
  const lostDays = [0, 0, 0, 1, 2, 3, 4, 5, 6, 30, 40, 35];
  const units = lostDays.map((days) => ({ hoursAvailable: year, hoursLost: days * 7.4 }));
  const p = units.reduce((s, u) => s + u.hoursLost, 0) / units.reduce((s, u) => s + u.hoursAvailable, 0);
  const phi = overDispersion(units, p, 37);
  assert.ok(phi > 5, `φ = ${phi}`);
  // By the day count alone a year with no sickness lies below the 99.8% limit…
  assert.equal(assessUnit({ hoursAvailable: year, hoursLost: 0 }, p, 37)?.position, 'below-998');
  // …but against the spread these teams actually show it is as expected.
  const judged = assessUnit({ hoursAvailable: year, hoursLost: 0 }, p, 37, phi);
  assert.equal(judged?.position, 'within');
  assert.equal(judged?.limits.lower998, 0);
  near(judged?.limits.upper95 ?? NaN, p + Z_95 * Math.sqrt((phi * p * (1 - p)) / 230));
  // The curves are drawn with the same φ.
  near(funnelCurves(p, 37, year, year, 1, phi)[0]?.upper998 ?? NaN, 100 * (judged?.limits.upper998 ?? NaN));
});

test('φ is 1 when units scatter no more than chance, or when there are too few to tell', () => {
  const even = Array.from({ length: 12 }, () => ({ hoursAvailable: 7400, hoursLost: 296 }));
  assert.equal(overDispersion(even, 0.04, 37), 1);
  const few = [0, 100, 900].map((hoursLost) => ({ hoursAvailable: 7400, hoursLost }));
  assert.equal(overDispersion(few, 0.04, 37), 1);
});

test('a lower limit is 0 while no absence at all is within chance for the effective trials', () => {
  // p = 4%, 1,000 days but φ = 40: 25 effective trials, and (0.96)^25 = 36% have no absence.
  assert.ok(zeroIsWithinChance(0.04, 25, -Z_998));
  assert.equal(controlLimits(0.04, 1000, 40).lower95, 0);
  // Without over-dispersion, (0.96)^1000 is vanishingly small: 0 is significantly low.
  assert.ok(!zeroIsWithinChance(0.04, 1000, -Z_95));
  assert.ok(controlLimits(0.04, 1000).lower95 > 0);
});

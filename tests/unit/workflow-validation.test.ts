import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schedulerPeriod } from '@/lib/newsroom/scheduler';
import { parseNewsroomMinute, scheduleInput, toNewsroomMinute } from '@/lib/shared/validation/workflow';

describe('a minute in the newsroom’s clock', () => {
  test('is read in the newsroom’s time zone and written back the same', () => {
    const at = parseNewsroomMinute('2026-12-01T15:30', 'Asia/Tashkent');
    assert.equal(at?.toISOString(), '2026-12-01T10:30:00.000Z');
    assert.equal(toNewsroomMinute(at!, 'Asia/Tashkent'), '2026-12-01T15:30');
    assert.equal(
      parseNewsroomMinute('2026-07-01T12:00', 'Europe/Berlin')?.toISOString(),
      '2026-07-01T10:00:00.000Z',
    );
  });

  test('anything that is not a real minute is refused', () => {
    for (const bad of [
      '',
      'غداً',
      '2026-02-30T10:00',
      '2026-12-01T24:00',
      '2026-12-01T10:00:00',
      '2026-12-01T10:00Z',
      '١٢:٣٠',
      '9999-01-01T00:00',
    ])
      assert.equal(parseNewsroomMinute(bad, 'Asia/Tashkent'), null, bad);
  });

  test('an over-long value never reaches the parser', () => {
    assert.equal(scheduleInput.safeParse({ articleId: 1, scheduledAt: 'x'.repeat(10_000) }).success, false);
  });
});

describe('the scheduler’s period', () => {
  test('comes from NEWSROOM_SCHEDULER_MS, with a floor and a default', () => {
    assert.equal(schedulerPeriod('2000'), 2000);
    assert.equal(schedulerPeriod(undefined), 30_000);
    assert.equal(schedulerPeriod('abc'), 30_000);
    assert.equal(schedulerPeriod('10'), 30_000);
  });
});

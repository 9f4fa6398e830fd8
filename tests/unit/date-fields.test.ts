import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dayOfText,
  dayValueOfText,
  fieldsOfMinute,
  minuteOfFields,
  textOfMinute,
  timeOfText,
} from '@/lib/shared/date-fields';
import { parseNewsroomMinute } from '@/lib/shared/validation/workflow';

// The desk's date and time fields (issue 19: Chromium showed «mm/dd/yyyy» and «AM»): typed as
// day/month/year and a 24-hour time, in Latin or Arabic-Indic digits, sent as the minute the
// actions already read.

test('day/month/year, in either digits, with / - . or the Arabic comma; ISO pasted in too', () => {
  assert.equal(dayOfText('07/12/2026'), '2026-12-07');
  assert.equal(dayOfText('7/3/2027'), '2027-03-07');
  assert.equal(dayOfText('٠٧/١٢/٢٠٢٦'), '2026-12-07');
  assert.equal(dayOfText('25-03-2027'), '2027-03-25');
  assert.equal(dayOfText('25.03.2027'), '2027-03-25');
  assert.equal(dayOfText('2027-03-25'), '2027-03-25');
  // Not days: 31 February, month 13, the American order of a day past 12, words.
  for (const bad of ['31/02/2027', '01/13/2027', '12/25/2027', 'غداً', '', '2027/03/25 10:00'])
    assert.equal(dayOfText(bad), null, bad);
});

test('a 24-hour time, or the Arabic ص/م; 24:00 and 13:00 م are refused, not guessed', () => {
  assert.equal(timeOfText('21:05'), '21:05');
  assert.equal(timeOfText('9:05'), '09:05');
  assert.equal(timeOfText('٢١:٠٥'), '21:05');
  assert.equal(timeOfText('00:00'), '00:00');
  assert.equal(timeOfText('9:05 م'), '21:05');
  assert.equal(timeOfText('9:05 مساءً'), '21:05');
  assert.equal(timeOfText('12:30 ص'), '00:30');
  assert.equal(timeOfText('12:00 م'), '12:00');
  assert.equal(timeOfText('٩:٠٥ ص'), '09:05');
  for (const bad of ['24:00', '21:60', '13:00 م', '0:30 ص', '9 PM', '9:05 AM', '2105', ''])
    assert.equal(timeOfText(bad), null, bad);
});

test('the value sent: the minute, nothing, or what was typed (refused by the server in Arabic)', () => {
  assert.equal(minuteOfFields('07/12/2026', '21:05'), '2026-12-07T21:05');
  assert.equal(minuteOfFields('', ''), '');
  const bad = minuteOfFields('31/02/2027', '10:00');
  assert.equal(bad, '31/02/2027 10:00');
  assert.equal(parseNewsroomMinute(bad, 'Asia/Tashkent'), null);
  assert.equal(parseNewsroomMinute(minuteOfFields('07/12/2026', ''), 'Asia/Tashkent'), null);
  assert.equal(dayValueOfText('25/03/2027'), '2027-03-25');
  assert.equal(dayValueOfText('الخميس'), 'الخميس');
});

test('a stored minute back in the fields and in a sentence', () => {
  assert.deepEqual(fieldsOfMinute('2026-12-07T21:05'), { date: '07/12/2026', time: '21:05' });
  assert.deepEqual(fieldsOfMinute(''), { date: '', time: '' });
  assert.equal(textOfMinute('2026-12-07T09:30'), '07/12/2026 09:30');
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ActionError } from '@/lib/shared/errors';
import { htmlParagraphs, WIRE_MESSAGES, wireFieldsOf } from '@/lib/platform/wire';

// What the newsroom keeps of an agency's ninjs item (lib/platform/wire.ts), field by field.
describe('ninjs wire items', () => {
  test('ninjs 2.x: headlines, descriptions, an HTML body, provider, urgency and the agency’s time', () => {
    const fields = wireFieldsOf({
      guid: 'urn:newsml:agency.example:20261207:ar-123',
      version: '3',
      headlines: [{ value: 'زلزال بقوة 5 درجات يضرب شمال البلاد', role: 'main' }],
      descriptions: [{ value: 'لا أنباء عن إصابات', role: 'summary' }],
      bodies: [
        {
          value: '<p>ضرب زلزال&nbsp;المنطقة.</p><p>وقال <b>المرصد</b> إن…</p><script>x()</script>',
          contenttype: 'text/html',
        },
      ],
      by: 'مراسل الوكالة',
      located: 'أنقرة',
      urgency: 2,
      provider: { name: 'وكالة الأنباء' },
      copyrightholder: 'وكالة الأنباء 2026',
      versioncreated: '2026-12-07T09:15:00+03:00',
    });
    assert.equal(fields.guid, 'urn:newsml:agency.example:20261207:ar-123');
    assert.equal(fields.version, 3);
    assert.equal(fields.headline, 'زلزال بقوة 5 درجات يضرب شمال البلاد');
    assert.equal(fields.deck, 'لا أنباء عن إصابات');
    assert.deepEqual(fields.paragraphs, ['ضرب زلزال المنطقة.', 'وقال المرصد إن…']);
    assert.equal(fields.byline, 'مراسل الوكالة');
    assert.equal(fields.dateline, 'أنقرة');
    assert.equal(fields.urgency, 2);
    assert.equal(fields.source, 'وكالة الأنباء');
    assert.equal(fields.credit, 'وكالة الأنباء 2026');
    assert.equal(fields.originalAt!.toISOString(), '2026-12-07T06:15:00.000Z');
  });
  test('ninjs 1.x: headline and body_text; uri as the guid', () => {
    const fields = wireFieldsOf({
      uri: 'http://agency.example/1',
      headline: 'عنوان',
      body_text: 'فقرة أولى\n\nفقرة ثانية',
    });
    assert.equal(fields.guid, 'http://agency.example/1');
    assert.equal(fields.version, 1);
    assert.deepEqual(fields.paragraphs, ['فقرة أولى', 'فقرة ثانية']);
  });
  test('an item without guid, headline or body is refused with each reason', () => {
    try {
      wireFieldsOf({ body_html: '<p> </p>' });
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof ActionError);
      assert.deepEqual(error.fieldErrors, {
        guid: WIRE_MESSAGES.guid,
        headline: WIRE_MESSAGES.headline,
        body: WIRE_MESSAGES.body,
      });
    }
  });
  test('HTML bodies keep their text only', () => {
    assert.deepEqual(htmlParagraphs('<div>أ<br>ب</div><img src=x onerror=alert(1)>&lt;script&gt;'), [
      'أ',
      'ب',
      '<script>',
    ]);
  });
});

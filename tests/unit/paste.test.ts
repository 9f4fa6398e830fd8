import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanPastedHtml, detectDirection, plainTextParagraphs } from '@/lib/document/paste';

describe('cleanPastedHtml', () => {
  test('hostile markup comes out inert: no scripts, event attributes, styles, classes or ids', () => {
    const html =
      '<p class="x" id="y" style="color:red" onclick="alert(1)">نص <img src=x onerror="alert(2)">' +
      '<script>alert(3)</script><style>p{color:red}</style><iframe src="https://evil.test"></iframe>' +
      '<a href="javascript:alert(4)" onmouseover="alert(5)">رابط</a>' +
      '<a href=" JaVa&#x09;ScRiPt:alert(6)">ثانٍ</a><a href="data:text/html,x">ثالث</a>' +
      '<svg><script>alert(7)</script></svg><span style="background:url(javascript:alert(8))">آمن</span></p>';
    const out = cleanPastedHtml(html);
    assert.equal(out, '<p>نص رابطثانٍثالثآمن</p>');
    assert.doesNotMatch(out, /script|alert|on\w+=|style|class|id=|img|iframe|svg|javascript|data:/i);
  });

  test('keeps safe links, headings, lists, quotations, bold and italic', () => {
    const out = cleanPastedHtml(
      '<h1>عنوان</h1><h4>فرعي</h4><ul><li>أول</li></ul><ol><li>ثانٍ</li></ol>' +
        '<blockquote>قول</blockquote><p><b>غامق</b> <i>مائل</i> <a href="https://example.com/?a=1&amp;b=2" class="c" target="_blank">Example</a> <a href="mailto:desk@newsroom.test">بريد</a></p>',
    );
    assert.equal(
      out,
      '<h2>عنوان</h2><h3>فرعي</h3><ul><li>أول</li></ul><ol><li>ثانٍ</li></ol><blockquote>قول</blockquote>' +
        '<p><strong>غامق</strong> <em>مائل</em> <a href="https://example.com/?a=1&amp;b=2">Example</a> <a href="mailto:desk@newsroom.test">بريد</a></p>',
    );
  });

  test('Google Docs: the font-weight:normal wrapper is dropped, styled spans become bold/italic, dir is kept', () => {
    const docs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234-abcd">' +
      '<p dir="rtl" style="line-height:1.38;margin-top:0pt;"><span style="font-size:11pt;font-family:Arial;font-weight:700;">قمة</span>' +
      '<span style="font-size:11pt;font-style:italic;"> في طشقند</span></p>' +
      '<p dir="ltr" style="line-height:1.38"><span style="font-weight:400">Tashkent summit</span></p></b><br class="Apple-interchange-newline">';
    assert.equal(
      cleanPastedHtml(docs),
      '<p dir="rtl"><strong>قمة</strong><em> في طشقند</em></p><p dir="ltr">Tashkent summit</p><br>',
    );
  });

  test('Word: conditional comments, <o:p>, mso styles and list bullets disappear; direction survives', () => {
    const word =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->' +
      '<style>p.MsoNormal{mso-style-parent:"";}</style></head><body lang=AR-SA>' +
      "<p class=MsoNormal dir=RTL style='text-align:right;direction:rtl;unicode-bidi:embed'><b><span lang=AR-SA style='font-family:\"Arial\",sans-serif'>وزير</span></b><span lang=AR-SA> الخارجية<o:p>&nbsp;</o:p></span></p>" +
      "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>بند أول</p>" +
      "<p class=MsoNormal style='direction:ltr'><span lang=EN-US>United Nations</span></p></body></html>";
    assert.equal(
      cleanPastedHtml(word),
      '<p dir="rtl"><strong>وزير</strong> الخارجية</p><p>بند أول</p><p dir="ltr">United Nations</p>',
    );
  });

  test('text that looks like markup stays text', () => {
    assert.equal(cleanPastedHtml('<p>3 < 5 > 2</p>'), '<p>3 &lt; 5 &gt; 2</p>');
  });
});

describe('plainTextParagraphs', () => {
  test('restores the paragraph break lost in the sample article', () => {
    const text =
      'وأكد أهمية التعاون لضمان الأمن في المنطقة.وتستضيف طشقند المؤتمر الدولي يوم 5 سبتمبر 2024 بمشاركة 3.5 ألف ضيف.';
    assert.deepEqual(plainTextParagraphs(text), [
      { text: 'وأكد أهمية التعاون لضمان الأمن في المنطقة.', dir: 'rtl' },
      { text: 'وتستضيف طشقند المؤتمر الدولي يوم 5 سبتمبر 2024 بمشاركة 3.5 ألف ضيف.', dir: 'rtl' },
    ]);
  });

  test('keeps line breaks as paragraphs, domains unsplit, Latin paragraphs left to right', () => {
    assert.deepEqual(plainTextParagraphs('زوروا example.com.\r\n\r\nThe U.N. said so.\nقال Lavrov إن'), [
      { text: 'زوروا example.com.', dir: 'rtl' },
      { text: 'The U.N. said so.', dir: 'ltr' },
      { text: 'قال Lavrov إن', dir: 'rtl' },
    ]);
  });
});

describe('detectDirection', () => {
  test('the first strong letter decides', () => {
    assert.equal(detectDirection('2024 Tashkent طشقند'), 'ltr');
    assert.equal(detectDirection('«طشقند» Tashkent'), 'rtl');
    assert.equal(detectDirection('2024 — 3.5'), undefined);
  });
});
